package io.lifestage.bench;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.OrderValue;
import io.lifestage.engine.run.StageRun;
import io.lifestage.engine.store.Evaluation;
import io.lifestage.engine.store.StageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What one evaluator pass of a host costs when the store holds a large population: fills an H2 file store with
 * customers who already have a stage (written through the store, as years of earlier evaluations would have left
 * them), then stores orders of a few new customers and evaluates them, pass after pass, as the host's evaluator does
 * every half second under load. Once computing the RFM scales at every pass, once reusing them within their refresh
 * interval ({@code lifestage.host.rfm-refresh}), and prints the median pass time; then the time to count customers
 * per stage from {@code ls_stage_count} and, for comparison, with a count over {@code ls_customer} (the one that
 * reports make, by stage and scores).
 *
 * <p>Arguments: customers in the store, due customers per pass, passes, rule pack directory.
 */
public final class HostEvaluationBenchmark {

    private static final int WARM_UP_PASSES = 2;
    /** When the customers of the store were last evaluated: a little after their last purchases. */
    private static final Instant FILLED_AS_OF = Instant.ofEpochMilli(1_000_000_000L);

    private HostEvaluationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int population = Integer.parseInt(args[0]);
        int duePerPass = Integer.parseInt(args[1]);
        int passes = Integer.parseInt(args[2]);
        Path pack = Path.of(args[3]);
        System.out.printf(Locale.ROOT, "%d processors; Java %s; %s %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), System.getProperty("os.name"), System.getProperty("os.arch"));
        Path work = Files.createTempDirectory("lifestage-host-evaluation");
        try (LifestageContainer engine = LifestageContainer.start(Map.of(RulesSettings.DIR, pack.toString(),
                "lifestage.store.url", "jdbc:h2:file:" + work.resolve("store")), null);
             StageStore store = engine.openStore()) {
            long started = System.nanoTime();
            fill(store, population);
            System.out.printf(Locale.ROOT, "%,d customers written in %.1f s; %,d due customers per pass%n",
                    population, (System.nanoTime() - started) / 1e9, duePerPass);
            Instant asOf = Instant.parse("2026-11-01T00:00:00Z");
            for (Duration refresh : List.of(Duration.ZERO, Duration.ofHours(1))) {
                StageRun run = new StageRun(store, engine.liveRuleBase()::current,
                        engine.bean(MetricsCalculator.class), Clock.systemUTC(), store::save, refresh);
                List<Long> millis = new ArrayList<>();
                for (int pass = 0; pass < passes; pass++) {
                    List<Fact> orders = new ArrayList<>();
                    for (int i = 0; i < duePerPass; i++) {
                        orders.add(Event.track("due-" + refresh.toSeconds() + "-" + pass + "-" + i, "Order Completed",
                                asOf.minusSeconds(i), Map.of("total", 25.5)));
                    }
                    store.ingest("bench", orders, refresh + "/" + pass, Instant.EPOCH);
                    asOf = asOf.plusSeconds(1);
                    long passStarted = System.nanoTime();
                    run.evaluate(asOf, List.of(), new StageRun.IngestSummary(0, 0, 0));
                    millis.add((System.nanoTime() - passStarted) / 1_000_000);
                }
                System.out.printf(Locale.ROOT, "RFM scales %s: pass times %s ms, median after warm-up %d ms%n",
                        refresh.isZero() ? "computed at every pass" : "reused within 1 h", millis,
                        median(millis.subList(WARM_UP_PASSES, millis.size())));
            }
            long counting = System.nanoTime();
            store.stageCounts();
            long scanning = System.nanoTime();
            Map<String, Long> scanned = new HashMap<>();
            store.scoreCounts(FILLED_AS_OF)
                    .forEach(group -> scanned.merge(group.stage(), group.customers(), Long::sum));
            long counted = System.nanoTime();
            System.out.printf(Locale.ROOT, "customers per stage: %.1f ms from ls_stage_count, %.1f ms counted over"
                    + " ls_customer (with their scores)%n", (scanning - counting) / 1e6, (counted - scanning) / 1e6);
        } finally {
            deleteRecursively(work);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /**
     * Customers in retention since the epoch with a purchase history, evaluated as of {@link #FILLED_AS_OF}, none of
     * them due.
     */
    private static void fill(StageStore store, int population) {
        Random random = new Random(42);
        try (StoredCustomers customers = new StoredCustomers(store, store.nextRunId())) {
            for (int i = 0; i < population; i++) {
                String id = String.format(Locale.ROOT, "customer-%07d", i);
                int purchases = 1 + random.nextInt(5);
                Instant lastPurchase = Instant.ofEpochMilli(random.nextInt(1_000_000_000));
                customers.add(new Evaluation(id, "retention", Instant.EPOCH, null, StoredCustomers.metrics(id,
                        FILLED_AS_OF, lastPurchase, purchases, purchases * 25.5, lastPurchase, 1, 1, 1, "small"),
                        new OrderValue(purchases, purchases * 25.5, purchases * 25.5, lastPurchase.toEpochMilli()),
                        FILLED_AS_OF, null, List.of(), List.of()));
            }
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
