package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a bulk run's evaluations reach an H2 store: in parts that H2 writes once, every customer and move kept. */
class SaveInPartsTest {

    private static final Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant AS_OF = DAY0.plusSeconds(86_400 * 30);

    @TempDir
    Path dir;

    @Test
    void everyEvaluationAndItsTransitionsAreStoredAcrossTheParts() {
        int customers = 3_000; // three rows each: more than four parts
        try (StageStore store = storeWith("parts", customers)) {
            long run = store.nextRunId();
            store.recordRun(new RunRecord(run, Instant.EPOCH, Instant.EPOCH, AS_OF, customers,
                    customers, 0, customers, 0, "v1"));

            store.saveInParts(evaluations(customers), run);

            assertThat(store.stageCounts()).containsEntry("conversion", (long) customers);
            assertThat(store.dueCustomers(AS_OF)).isEmpty();
            assertThat(store.history("c0")).extracting(Transition::to).containsExactly("consideration", "conversion");
            assertThat(store.history("c" + (customers - 1))).hasSize(2);
        }
    }

    @Test
    void aLargeBatchSavedInPartsGrowsTheFileLessThanInOneTransaction() throws Exception {
        int customers = 10_000;
        long oneTransaction = fileGrowthSaving("one", customers,
                (store, run) -> store.save(evaluations(customers), run));
        long inParts = fileGrowthSaving("parts", customers,
                (store, run) -> store.saveInParts(evaluations(customers), run));

        assertThat(inParts).as("bytes the file grew by in parts, against %,d in one transaction", oneTransaction)
                .isLessThan(oneTransaction * 3 / 4);
    }

    /** The bytes an H2 file grows by while a store saves its customers' evaluations, before it is closed. */
    private long fileGrowthSaving(String name, int customers, ObjLongConsumer<StageStore> save) throws Exception {
        try (StageStore store = storeWith(name, customers)) {
            long run = store.nextRunId();
            store.recordRun(new RunRecord(run, Instant.EPOCH, Instant.EPOCH, AS_OF, customers,
                    customers, 0, customers, 0, "v1"));
            long before = Files.size(dir.resolve(name + ".mv.db"));
            save.accept(store, run);
            return Files.size(dir.resolve(name + ".mv.db")) - before;
        }
    }

    /** A store whose customers {@code c0}… each viewed a product, due at once. */
    private StageStore storeWith(String name, int customers) {
        StageStore store = StageStore.open("jdbc:h2:file:" + dir.resolve(name), "sa", "");
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            facts.add(Event.track("c" + i, "Product Viewed", DAY0.plusSeconds(i), Map.of()));
        }
        store.ingest("events", facts, "p1", Instant.EPOCH);
        return store;
    }

    /** Each customer moved into consideration on day 1 and into conversion on day 2. */
    private static List<Evaluation> evaluations(int customers) {
        List<Evaluation> evaluations = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            String customer = "c" + i;
            Instant day2 = DAY0.plusSeconds(2 * 86_400L);
            List<Transition> moves = List.of(
                    move(customer, null, "consideration", DAY0.plusSeconds(86_400)),
                    move(customer, "consideration", "conversion", day2));
            evaluations.add(new Evaluation(customer, "conversion", day2, null, null, AS_OF, null, moves));
        }
        return evaluations;
    }

    private static Transition move(String customer, String from, String to, Instant at) {
        return new Transition(customer + "-" + to, customer, from, to, at, "rule-" + to,
                "a reason as long as the reasons rules give, with a number or two: 3 visits in 30 days", "v1",
                List.of(), Transition.Policy.ALLOWED);
    }
}
