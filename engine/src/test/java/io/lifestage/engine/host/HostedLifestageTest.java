package io.lifestage.engine.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.ActionFired;
import io.lifestage.api.CustomerStage;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.Lifestage;
import io.lifestage.api.Transition;
import io.lifestage.engine.classify.ActionCatalog;
import io.lifestage.testing.StoreContents;
import io.lifestage.testing.StoreUnderTest;
import io.lifestage.testing.TestPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded, stateful Lifestage over a small pack (visitors, buyers, buyers who lapse after 30 silent days) and a
 * real H2 file store, started through the public builder as a host would.
 */
class HostedLifestageTest implements StoreUnderTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    private Lifestage lifestage;
    private Map<String, String> store;

    @BeforeEach
    void start() throws Exception {
        Path pack = TestPack.write(dir.resolve("pack"), "visitor,buyer,lapsed", """
                rule "lapsed" salience 3
                when CustomerMetrics( orders > 0, daysSinceLastActivity >= threshold.get("lapse-days") )
                then verdict.assign("lapsed", "silent"); end
                rule "buyer" salience 2 when CustomerMetrics( orders > 0 ) then verdict.assign("buyer", "bought"); end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);
        Files.writeString(pack.resolve("journeys.csv"), "name,trigger,wait,cancel,stages,action\n"
                + "welcome,Signed Up,,,,welcome-email\n"
                + "trial,Trial Started,,,,trial-tips\n");
        Files.writeString(pack.resolve("actions.csv"), "action,channel,traits,metrics,properties,holdout,outcome\n"
                + "trial-tips,email:trial,,,,50%,Order Completed within 7d\n");
        Lifestage.Builder builder = Lifestage.builder().rules(pack);
        store = emptyStore();
        store.forEach(builder::config);
        lifestage = builder
                .config("lifestage.threshold.lapse-days", "30")
                .config("lifestage.host.evaluation-pause", "0ms")
                .config("lifestage.host.erasure-salt", "test-salt")
                .start();
    }

    @AfterEach
    void stop() {
        lifestage.close();
    }

    private static Event visit(String customer, int daysAgo) {
        return Event.track(customer, "Page Viewed", NOW.minus(Duration.ofDays(daysAgo)), Map.of());
    }

    private static Event order(String customer, int daysAgo) {
        return Event.track(customer, "Order Completed", NOW.minus(Duration.ofDays(daysAgo)), Map.of("total", 50));
    }

    private void ingestAndWait(Fact... facts) throws InterruptedException {
        lifestage.ingest(List.of(facts));
        assertThat(lifestage.awaitEvaluated(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void ingestedFactsGiveTheCustomerAStageAndEveryMoveInHistory() throws Exception {
        ingestAndWait(visit("ann", 40), order("ann", 35));

        assertThat(lifestage.stage("ann")).hasValueSatisfying(stage -> {
            assertThat(stage.stage()).isEqualTo("lapsed");
            assertThat(stage.rule()).isEqualTo("lapsed");
            assertThat(stage.reason()).isEqualTo("silent");
            assertThat(stage.since()).isEqualTo(NOW.minus(Duration.ofDays(5)));
        });
        assertThat(lifestage.history("ann")).extracting(t -> t.from() + "->" + t.to())
                .containsExactly("null->visitor", "visitor->buyer", "buyer->lapsed");
        assertThat(lifestage.evaluationLag()).isZero();
    }

    @Test
    void subscribersHearEachTransitionOnceAndNothingAfterClosingTheSubscription() throws Exception {
        List<Transition> heard = new CopyOnWriteArrayList<>();
        Lifestage.Subscription subscription = lifestage.subscribe(heard::add);

        ingestAndWait(visit("bob", 3));
        ingestAndWait(visit("bob", 3), order("bob", 1));
        subscription.close();
        ingestAndWait(visit("cy", 1));

        assertThat(heard).extracting(t -> t.customerId() + ":" + t.from() + "->" + t.to())
                .containsExactly("bob:null->visitor", "bob:visitor->buyer");
    }

    @Test
    void actionSubscribersHearEachJourneyOnceAtItsInstant() throws Exception {
        List<ActionFired> heard = new CopyOnWriteArrayList<>();
        lifestage.subscribeActions(heard::add);
        Event signUp = Event.track("fay", "Signed Up", NOW.minus(Duration.ofDays(1)), Map.of());

        ingestAndWait(signUp);
        ingestAndWait(visit("fay", 0));

        assertThat(heard).extracting(a -> a.customerId() + ":" + a.action() + "@" + a.at())
                .containsExactly("fay:welcome-email@" + signUp.timestamp());
    }

    @Test
    void actionSubscribersHearNothingOfTheCustomersHeldOutOfAnAction() throws Exception {
        List<ActionFired> heard = new CopyOnWriteArrayList<>();
        lifestage.subscribeActions(heard::add);
        List<String> customers = IntStream.range(0, 20).mapToObj(i -> "trial-" + i).toList();
        ActionCatalog.Action tips = new ActionCatalog.Action("trial-tips", "email:trial", List.of(), List.of(),
                List.of(), 5_000, null);

        ingestAndWait(customers.stream().map(c -> Event.track(c, "Trial Started", NOW.minus(Duration.ofDays(1)),
                Map.of())).toArray(Fact[]::new));

        List<String> treated = customers.stream().filter(c -> !tips.holdsOut(c)).toList();
        assertThat(treated).hasSizeBetween(1, customers.size() - 1);
        assertThat(heard).extracting(ActionFired::customerId).containsExactlyInAnyOrderElementsOf(treated);
    }

    @Test
    void aSubscriberThatThrowsDoesNotStopTheOthersOrTheEvaluation() throws Exception {
        List<Transition> heard = new CopyOnWriteArrayList<>();
        lifestage.subscribe(t -> {
            throw new IllegalStateException("subscriber bug");
        });
        lifestage.subscribe(heard::add);

        ingestAndWait(visit("dan", 1));

        assertThat(heard).hasSize(1);
        assertThat(lifestage.stage("dan")).isPresent();
    }

    @Test
    void redeliveredFactsAreStoredOnce() {
        assertThat(lifestage.ingest(List.of(visit("eve", 2), visit("eve", 1)))).isEqualTo(new Lifestage.Ingested(2, 2));
        assertThat(lifestage.ingest(List.of(visit("eve", 2), visit("eve", 0)))).isEqualTo(new Lifestage.Ingested(2, 1));
    }

    @Test
    void concurrentIngestsShareCommitsButEachCallerGetsItsOwnCounts() throws Exception {
        int callers = 8;
        List<Thread> threads = new ArrayList<>();
        List<Lifestage.Ingested> results = new CopyOnWriteArrayList<>();
        for (int caller = 0; caller < callers; caller++) {
            String customer = "k" + caller;
            threads.add(new Thread(() -> {
                for (int day = 1; day <= 20; day++) {
                    results.add(lifestage.ingest(List.of(visit(customer, day), visit("shared", day))));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(results).hasSize(callers * 20).allSatisfy(r -> assertThat(r.received()).isEqualTo(2));
        assertThat(results.stream().mapToInt(Lifestage.Ingested::stored).sum()).isEqualTo(callers * 20 + 20);
        assertThat(lifestage.awaitEvaluated(Duration.ofSeconds(30))).isTrue();
        assertThat(lifestage.stageCounts()).containsEntry("visitor", callers + 1L);
    }

    @Test
    void aBatchTheStoreRefusesFailsOnlyItsOwnCallerNotTheOnesSharingItsCommit() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Lifestage.Ingested> good = new CopyOnWriteArrayList<>();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        for (int caller = 0; caller < 8; caller++) {
            // An id longer than the store's column: the database refuses the row.
            String customer = caller == 0 ? "x".repeat(300) : "k" + caller;
            threads.add(new Thread(() -> {
                for (int day = 1; day <= 20; day++) {
                    try {
                        good.add(lifestage.ingest(List.of(visit(customer, day))));
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).hasSize(20);
        assertThat(good).hasSize(7 * 20).allSatisfy(r -> assertThat(r.stored()).isEqualTo(1));
    }

    @Test
    void customersOfAStageComeInPagesOrderedById() throws Exception {
        List<Fact> facts = new ArrayList<>();
        for (String id : List.of("c5", "c1", "c4", "c2", "c3")) {
            facts.add(visit(id, 1));
        }
        facts.add(order("z9", 1));
        ingestAndWait(facts.toArray(Fact[]::new));

        List<CustomerStage> first = lifestage.customers("visitor", null, 2);
        List<CustomerStage> second = lifestage.customers("visitor", first.get(1).customerId(), 2);
        List<CustomerStage> last = lifestage.customers("visitor", second.get(1).customerId(), 2);

        assertThat(first).extracting(CustomerStage::customerId).containsExactly("c1", "c2");
        assertThat(second).extracting(CustomerStage::customerId).containsExactly("c3", "c4");
        assertThat(last).extracting(CustomerStage::customerId).containsExactly("c5");
        assertThat(lifestage.stageCounts()).containsExactly(Map.entry("visitor", 5L), Map.entry("buyer", 1L),
                Map.entry("lapsed", 0L));
        assertThatThrownBy(() -> lifestage.customers("visitor", null, 0)).hasMessageContaining("limit");
    }

    @Test
    void explainsAStoredCustomerFromTheirFacts() throws Exception {
        ingestAndWait(order("fay", 2));

        assertThat(lifestage.explain("fay")).hasValueSatisfying(explanation -> {
            assertThat(explanation.decision().stage()).isEqualTo("buyer");
            assertThat(explanation.matches()).extracting(m -> m.rule()).containsExactly("buyer", "visitor");
        });
        assertThat(lifestage.explain("nobody")).isEmpty();
    }

    @Test
    void erasureLeavesNoTraceOfTheCustomerOrTheirAnonymousIdsAndOnlyASaltedDigest() throws Exception {
        Event identify = new Event(Event.Type.IDENTIFY, "gus-4471", "anon-93c2", Event.IDENTIFIED,
                NOW.minus(Duration.ofDays(2)), Map.of(), Map.of("email", "gus@example.com"));
        ingestAndWait(new Event(Event.Type.PAGE, null, "anon-93c2", Event.PAGE_VIEWED, NOW.minus(Duration.ofDays(3)),
                Map.of(), Map.of()), identify, order("gus-4471", 1), visit("hal", 1));

        int moves = lifestage.history("gus-4471").size();
        assertThat(lifestage.stage("anon-93c2")).as("linked within the batch").isEmpty();

        Lifestage.Erasure erasure = lifestage.erase("gus-4471");

        assertThat(erasure.found()).isTrue();
        assertThat(erasure.factsDeleted()).isEqualTo(3);
        assertThat(erasure.transitionsDeleted()).isEqualTo(moves).isPositive();
        assertThat(lifestage.stage("gus-4471")).isEmpty();
        assertThat(lifestage.history("gus-4471")).isEmpty();
        assertThat(lifestage.stage("hal")).isPresent();
        assertThat(storeText()).doesNotContain("gus-4471", "anon-93c2", "gus@example.com").contains("hal");
        assertThat(lifestage.erase("gus-4471").found()).isFalse();
    }

    @Test
    void anErasedCustomerIsNotRecreatedByLaterEvaluations() throws Exception {
        ingestAndWait(visit("ivy", 1));
        lifestage.erase("ivy");

        ingestAndWait(visit("jon", 1));

        assertThat(lifestage.stage("ivy")).isEmpty();
        assertThat(storeText()).doesNotContain("ivy");
    }

    @Test
    void stageCountsFollowEveryMoveIdentityMergeAndErasure() throws Exception {
        ingestAndWait(new Event(Event.Type.PAGE, null, "anon-5e1", Event.PAGE_VIEWED, NOW.minus(Duration.ofDays(3)),
                Map.of(), Map.of()));
        assertThat(nonZeroCounts()).isEqualTo(Map.of("visitor", 1L)).isEqualTo(countedRowByRow());

        ingestAndWait(order("kim", 2), visit("lea", 2));
        assertThat(nonZeroCounts()).isEqualTo(Map.of("visitor", 2L, "buyer", 1L)).isEqualTo(countedRowByRow());

        ingestAndWait(new Event(Event.Type.IDENTIFY, "kim", "anon-5e1", Event.IDENTIFIED,
                NOW.minus(Duration.ofDays(1)), Map.of(), Map.of()));
        assertThat(nonZeroCounts()).as("the visitor merged into kim").isEqualTo(Map.of("visitor", 1L, "buyer", 1L))
                .isEqualTo(countedRowByRow());

        lifestage.erase("lea");
        assertThat(nonZeroCounts()).isEqualTo(Map.of("buyer", 1L)).isEqualTo(countedRowByRow());
    }

    private Map<String, Long> nonZeroCounts() {
        Map<String, Long> counts = new java.util.HashMap<>(lifestage.stageCounts());
        counts.values().removeIf(n -> n == 0);
        return counts;
    }

    private Map<String, Long> countedRowByRow() throws Exception {
        Map<String, Long> counts = new java.util.HashMap<>();
        try (Connection connection = StoreUnderTest.connect(store);
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT stage, COUNT(*) FROM ls_customer WHERE stage IS NOT NULL GROUP BY stage")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    /** Every value of every Lifestage table, as text. */
    private String storeText() throws Exception {
        try (Connection connection = StoreUnderTest.connect(store)) {
            return StoreContents.text(connection);
        }
    }
}
