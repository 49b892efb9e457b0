package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Storing a source's facts sorted: what {@link StageStore#ingest} would store, however many there are. */
class FactImportTest {

    private static final Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");
    /** Facts a sorter keeps in memory in these tests: every import below spills to files. */
    private static final int RUN = 7;

    private StageStore store;

    @BeforeEach
    void open() {
        store = TestStores.inMemory();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void factsBeyondWhatMemoryHoldsAreStoredOnceEachInTimeOrderPerCustomer() {
        List<Fact> input = new ArrayList<>();
        for (int day = 29; day >= 0; day--) {
            for (String customer : List.of("cid", "ann", "bob")) {
                input.add(visit(customer, day));
            }
        }
        input.add(visit("ann", 3));

        long stored = importAll(input, "line 91");

        assertThat(stored).isEqualTo(90);
        assertThat(days("ann")).hasSize(30).isSorted();
        assertThat(days("bob")).hasSize(30).isSorted();
        assertThat(store.position("events")).contains("line 91");
        assertThat(store.dueCustomers(Instant.ofEpochMilli(Long.MAX_VALUE))).containsExactly("ann", "bob", "cid");
    }

    @Test
    void factsOfSeveralTransactionsAreAllStoredAndThePositionWithTheLast() {
        List<Fact> input = new ArrayList<>();
        int customers = 2 * FactImport.BATCH / 3 + 1_000;
        for (int day = 0; day < 3; day++) {
            for (int c = 0; c < customers; c++) {
                input.add(visit("c" + c, day));
            }
        }
        List<Long> looked = new ArrayList<>();

        long stored;
        try (FactImport facts = new FactImport(store, "events", 0, 50_000)) {
            facts.add(FactImport.prepare(input));
            stored = facts.commit("end", looked::add);
        }

        assertThat(stored).isEqualTo(input.size());
        assertThat(looked).hasSizeGreaterThan(2);
        assertThat(store.dueCustomers(Instant.ofEpochMilli(Long.MAX_VALUE))).hasSize(customers);
        assertThat(days("c" + (customers - 1))).containsExactly(0L, 1L, 2L);
        assertThat(store.position("events")).contains("end");
    }

    @Test
    void ofTwoCallsWithOneMessageIdTheFirstReadIsKept() {
        List<Fact> input = new ArrayList<>();
        input.add(order("ann", 5, 20.0, "m-1"));
        for (int day = 0; day < 20; day++) {
            input.add(visit("ann", day));
        }
        input.add(order("ann", 1, 99.0, "m-1"));

        importAll(input, "end");

        List<Fact> facts = facts("ann");
        assertThat(facts).hasSize(21);
        assertThat(facts).filteredOn(fact -> ((Event) fact).name().equals("Order Completed")).singleElement()
                .satisfies(fact -> assertThat(((Event) fact).number("total")).isEqualTo(20.0));
    }

    @Test
    void factsLargerThanTheSortersWriteBufferAreStoredWhole() {
        String note = "x".repeat(3 << 20);
        List<Fact> input = new ArrayList<>();
        for (int day = 0; day < 12; day++) {
            input.add(Event.track("ann", "Note Taken", at(day), Map.of("note", day % 4 == 0 ? note : "short")));
        }

        importAll(input, "end");

        assertThat(facts("ann")).hasSize(12).extracting(fact -> ((Event) fact).properties().get("note"))
                .containsExactly(note, "short", "short", "short", note, "short", "short", "short", note, "short",
                        "short", "short");
    }

    @Test
    void anAnonymousHistoryReadBeforeItsIdentifyCallJoinsTheUser() {
        List<Fact> input = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            input.add(new Event(Event.Type.PAGE, null, "anon-1", Event.PAGE_VIEWED, at(day), Map.of(), Map.of()));
            input.add(visit("bob", day));
        }
        input.add(new Event(Event.Type.IDENTIFY, "ann", "anon-1", Event.IDENTIFIED, at(10), Map.of(), Map.of()));
        input.add(new Event(Event.Type.PAGE, null, "anon-1", Event.PAGE_VIEWED, at(11), Map.of(), Map.of()));

        importAll(input, "end");

        assertThat(facts("ann")).hasSize(12).allSatisfy(fact -> assertThat(fact.customerId()).isEqualTo("ann"));
        assertThat(facts("anon-1")).isEmpty();
        assertThat(store.dueCustomers(Instant.ofEpochMilli(Long.MAX_VALUE))).containsExactly("ann", "bob");
    }

    @Test
    void anAnonymousIdLinkedInAnEarlierRunBringsItsNewFactsToTheUser() {
        importAll(List.of(new Event(Event.Type.IDENTIFY, "ann", "anon-1", Event.IDENTIFIED, at(0), Map.of(),
                Map.of())), "first");
        List<Fact> later = new ArrayList<>();
        for (int day = 1; day < 10; day++) {
            later.add(new Event(Event.Type.PAGE, null, "anon-1", Event.PAGE_VIEWED, at(day), Map.of(), Map.of()));
        }

        importAll(later, "second");

        assertThat(facts("ann")).hasSize(10);
        assertThat(store.dueCustomers(Instant.ofEpochMilli(Long.MAX_VALUE))).containsExactly("ann");
    }

    @Test
    void factsStoredByAnEarlierRunAreSkippedAndTheSourceResumesAfterTheLast() {
        List<Fact> first = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            first.add(visit("ann", day));
        }
        importAll(first, "first");
        List<Fact> again = new ArrayList<>(first);
        again.add(visit("ann", 20));

        long stored = importAll(again, "second");

        assertThat(stored).isEqualTo(1);
        assertThat(days("ann")).hasSize(11);
        assertThat(store.position("events")).contains("second");
    }

    @Test
    void anImportNotCommittedStoresNothingAndLeavesNoTemporaryFile() throws IOException {
        Set<String> before = importDirectories();
        try (FactImport facts = new FactImport(store, "events", 0, RUN)) {
            for (int day = 0; day < 30; day++) {
                facts.add(FactImport.prepare(List.of(visit("ann", day))));
            }
            assertThat(importDirectories()).hasSize(before.size() + 1);
        }

        assertThat(facts("ann")).isEmpty();
        assertThat(store.position("events")).isEmpty();
        assertThat(importDirectories()).isEqualTo(before);
    }

    private static Set<String> importDirectories() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("lifestage-import-"))
                    .collect(Collectors.toSet());
        }
    }

    private long importAll(List<Fact> input, String position) {
        try (FactImport facts = new FactImport(store, "events", 0, RUN)) {
            for (int from = 0; from < input.size(); from += 4) {
                facts.add(FactImport.prepare(input.subList(from, Math.min(input.size(), from + 4))));
            }
            return facts.commit(position, looked -> { });
        }
    }

    private List<Fact> facts(String customer) {
        List<Fact> facts = new ArrayList<>();
        store.facts(List.of(customer), facts::addAll);
        return facts;
    }

    private List<Long> days(String customer) {
        return facts(customer).stream()
                .map(fact -> Duration.between(DAY0, ((Event) fact).timestamp()).toDays()).toList();
    }

    private static Instant at(int day) {
        return DAY0.plus(Duration.ofDays(day));
    }

    private static Event visit(String customer, int day) {
        return Event.track(customer, "Page Viewed", at(day), Map.of());
    }

    private static Event order(String customer, int day, double total, String messageId) {
        return new Event(Event.Type.TRACK, customer, null, "Order Completed", at(day), Map.of("total", total),
                Map.of(), messageId);
    }
}
