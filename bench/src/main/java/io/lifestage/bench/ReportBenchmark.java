package io.lifestage.bench;

import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.cli.Main;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.metrics.OrderValue;
import io.lifestage.engine.report.ReportStages;
import io.lifestage.engine.report.Reports;
import io.lifestage.engine.report.TransitionMatrix;
import io.lifestage.engine.store.Evaluation;
import io.lifestage.engine.store.RunRecord;
import io.lifestage.engine.store.StageStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What {@code lifestage report} costs on a large store: fills a store (H2 file or PostgreSQL) through the store, as
 * runs would have left it, with customers who moved through the default pack's stages over 18 months (about three
 * transitions each, a few refused, each customer's stage that of their last applied move, a run at the start of every
 * month of the reported year), then times each section through the public {@link Reports} methods and the whole
 * report through the command line's code path ({@code lifestage report} with its defaults: the period of the
 * recorded runs, a snapshot at each run).
 *
 * <p>Arguments: customers, JDBC URL of the store (filled only when it holds no run), rule pack directory,
 * repetitions of the whole report.
 */
public final class ReportBenchmark {

    private static final Instant HISTORY_START = Instant.parse("2025-05-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant FIRST_RUN = Instant.parse("2025-11-01T00:00:00Z");

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int population = Integer.parseInt(args[0]);
        String url = args[1];
        Path pack = Path.of(args[2]);
        int repetitions = Integer.parseInt(args[3]);
        System.out.printf(Locale.ROOT, "%d processors; Java %s; %s %s; max heap %d MB; store %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().maxMemory() >> 20, url);
        Map<String, String> settings = Map.of(RulesSettings.DIR, pack.toString(), "lifestage.store.url", url);
        try (LifestageContainer engine = LifestageContainer.start(settings, null);
             StageStore store = engine.openStore()) {
            if (store.lastRunAsOf().isEmpty()) {
                long started = System.nanoTime();
                long transitions = fill(store, population);
                System.out.printf(Locale.ROOT, "store filled in %.1f s: %,d transitions%n",
                        (System.nanoTime() - started) / 1e9, transitions);
            }
            Map<String, Long> stages = store.stageCounts();
            System.out.printf(Locale.ROOT, "%,d customers: %s%n",
                    stages.values().stream().mapToLong(Long::longValue).sum(), stages);
            sections(store, ReportStages.of(engine.ruleBase().stageModel()));
        }
        Path config = Files.createTempFile("lifestage-report-bench", ".properties");
        Path output = Files.createTempFile("lifestage-report-bench", ".txt");
        try {
            Files.writeString(config, "lifestage.store.url=" + url + "\n");
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < repetitions; i++) {
                StringWriter err = new StringWriter();
                long started = System.nanoTime();
                int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "report",
                        "--config", config.toString(), "--rules", pack.toString(), "--output", output.toString());
                seconds.add((System.nanoTime() - started) / 1e9);
                if (code != 0) {
                    throw new IllegalStateException("report failed (" + code + "): " + err);
                }
            }
            List<Double> sorted = new ArrayList<>(seconds);
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "lifestage report (engine start included): %s s, median %.2f s%n",
                    seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList(),
                    sorted.get(sorted.size() / 2));
        } finally {
            Files.deleteIfExists(config);
            Files.deleteIfExists(output);
        }
    }

    /** Times each public {@link Reports} method over the period of the recorded runs. */
    private static void sections(StageStore store, ReportStages declared) {
        Reports reports = timed("stages (constructor)", () -> new Reports(store, declared));
        List<Instant> runs = timed("run instants", reports::runInstants);
        Instant from = runs.get(0);
        Instant to = runs.get(runs.size() - 1);
        timed("counts at " + runs.size() + " snapshots", () -> runs.stream().map(reports::countsAt).toList());
        TransitionMatrix matrix = timed("transition matrix", () -> reports.transitions(from, to));
        timed("moves", () -> reports.moves(from, to));
        timed("funnel, retention, churn", () -> reports.rates(matrix));
        timed("time in stage", () -> reports.durations(from, to));
        timed("RFM, tiers, revenue and lifetime value", () -> reports.profiles(to));
        timed("members (first page of retention)", () -> reports.members("retention", to, null, 100));
        timed("retention by lifetime value (page 10 of 100)",
                () -> reports.ranked("retention", StageStore.Ranking.LIFETIME_VALUE, to, 10, 100));
        timed("whole report (one call)", () -> reports.report(from, to, runs));
    }

    private static <T> T timed(String section, Supplier<T> work) {
        long started = System.nanoTime();
        T result = work.get();
        System.out.printf(Locale.ROOT, "  %-40s %8.2f s%n", section, (System.nanoTime() - started) / 1e9);
        return result;
    }

    /**
     * Customers who entered at a random instant of the 18 months before the last run, then moved every 45 days on
     * average (exponentially distributed) with probability 0.7 after each move, along the default pack's stages
     * with regressions, churn and reactivations; 3 % of moves refused by the policy (the customer stays put). Then a
     * run as of the start of every month of the reported year.
     *
     * @return how many transitions were stored
     */
    private static long fill(StageStore store, int population) {
        Random random = new Random(42);
        long span = AS_OF.toEpochMilli() - HISTORY_START.toEpochMilli();
        long transitions = 0;
        try (StoredCustomers customers = new StoredCustomers(store, 1)) {
            for (int i = 0; i < population; i++) {
                String id = String.format(Locale.ROOT, "customer-%07d", i);
                long at = HISTORY_START.toEpochMilli() + (long) (random.nextDouble() * span);
                String stage = null;
                long since = 0;
                String next = random.nextInt(10) < 7 ? "awareness" : "consideration";
                List<Transition> moves = new ArrayList<>();
                do {
                    boolean refused = stage != null && random.nextInt(100) < 3;
                    moves.add(new Transition(String.format(Locale.ROOT, "%016x%016x", random.nextLong(),
                            i * 64L + moves.size()), id, stage, next, Instant.ofEpochMilli(at), "bench", "generated",
                            "bench", List.of(), refused ? Transition.Policy.REFUSED : Transition.Policy.ALLOWED));
                    if (!refused) {
                        stage = next;
                        since = at;
                    }
                    next = after(stage, random);
                    at += (long) (-Math.log(1 - random.nextDouble()) * 45 * 86_400_000L);
                } while (at <= AS_OF.toEpochMilli() && random.nextInt(10) < 7);
                boolean bought = !List.of("awareness", "consideration").contains(stage) || random.nextInt(10) == 0;
                int purchases = bought ? 1 + random.nextInt(8) : 0;
                double revenue = purchases * (10 + random.nextInt(200));
                int[] scores = new int[3];
                for (int score = 0; score < scores.length; score++) {
                    scores[score] = bought ? 1 + random.nextInt(5) : 0;
                }
                String tier = bought ? List.of("small", "medium", "large").get(random.nextInt(3)) : "none";
                Instant entered = Instant.ofEpochMilli(since);
                customers.add(new Evaluation(id, stage, entered, new Decision(id, stage, "bench", "generated", AS_OF,
                        "bench"), StoredCustomers.metrics(id, AS_OF, entered, purchases, revenue,
                        bought ? entered : null, scores[0], scores[1], scores[2], tier),
                        new OrderValue(purchases, revenue, revenue, bought ? since : null), AS_OF, null, moves,
                        List.of()));
                transitions += moves.size();
            }
        }
        for (Instant asOf = FIRST_RUN; !asOf.isAfter(AS_OF); asOf = asOf.atZone(ZoneOffset.UTC).plusMonths(1)
                .toInstant()) {
            store.recordRun(new RunRecord(store.nextRunId(), asOf, asOf, asOf, 0, 0, 0, 0, 0, "bench"));
        }
        return transitions;
    }

    /** The next stage the default pack could move a customer in {@code stage} to. */
    private static String after(String stage, Random random) {
        boolean forward = random.nextInt(10) < 6;
        return switch (stage) {
            case "awareness" -> forward ? "consideration" : "churn";
            case "consideration" -> forward ? "conversion" : "awareness";
            case "conversion" -> forward ? "retention" : "churn";
            case "retention" -> forward ? "loyalty" : "churn";
            case "loyalty" -> forward ? "retention" : "churn";
            default -> forward ? "retention" : "consideration";
        };
    }
}
