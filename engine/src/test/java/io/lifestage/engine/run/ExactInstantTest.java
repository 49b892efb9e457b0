package io.lifestage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.Source;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.classify.Classifier;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.classify.TransitionPolicy;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.config.StoreSettings;
import io.lifestage.engine.connect.Connectors;
import io.lifestage.engine.connect.SettingsContext;
import io.lifestage.engine.generate.SyntheticEvents;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.MetricsRun;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import io.lifestage.testing.StoreUnderTest;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run records every move at its exact instant: the walk, which classifies only where something the rules read
 * changes, finds the same moves at the same instants as a replay that classifies every customer at each of their
 * facts and at every whole day after each of them; and a threshold moves a customer on its day however the analyst
 * wrote it — in the configuration, as a number in DRL, or in a decision-table cell.
 */
class ExactInstantTest implements StoreUnderTest {

    private static final long DAY = 86_400_000L;
    private static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");
    private static final Path DEFAULT_PACK = Path.of("..", "rules", "pack");
    private static final Path TABLE_PACK = Path.of("..", "rules", "examples", "decision-table");
    /** See {@link #tenThousandGeneratedCustomersGetThePinnedAnswers}. */
    private static final String PINNED_ANSWERS = "9e6a636e9d977dc22979489160d8ee460bbbb87f8e7f18694db97c04a1ccf2db";
    /** See {@link #withoutRenewalsAsPurchasesTheAnswersAreThoseBeforeRenewalsCounted}. */
    private static final String ANSWERS_WITHOUT_RENEWALS =
            "9038637b8277ca6bec9207a060134e2e0ba3a6c78fec0ea3e153cfbb04114373";

    @TempDir
    Path dir;

    @Test
    void everyMoveIsTheOneADayByDayReplayFindsAtTheSameInstant() throws Exception {
        Path file = generated(7, 120);

        try (LifestageContainer engine = start(DEFAULT_PACK, Map.of());
             StageStore store = engine.openStore()) {
            run(engine, store, file, AS_OF);
            List<String> customers = TestStores.query(engine.bean(StoreSettings.class),
                    "SELECT customer_id FROM ls_customer ORDER BY customer_id", rs -> rs.getString(1));
            List<List<Fact>> facts = new ArrayList<>();
            store.facts(customers, facts::add);
            assertThat(customers).hasSizeGreaterThan(100);

            for (int i = 0; i < customers.size(); i++) {
                assertThat(moves(store.history(customers.get(i))))
                        .as(customers.get(i))
                        .isEqualTo(replayDayByDay(engine, facts.get(i)));
            }
        }
    }

    /**
     * Pins the default pack's answers on 10,000 generated customers: a digest of every transition (id, customer,
     * stages, instant, rule, policy) and every customer's current stage and since when. A change that alters any
     * answer fails here and must say why. Run as a host runs it, and as the command line does, alone with its store,
     * storing each chunk on another thread. The digest changed on 2026-12-04 when renewals became purchases (see
     * {@link #withoutRenewalsAsPurchasesTheAnswersAreThoseBeforeRenewalsCounted}): no customer's current stage moved,
     * but about 150 of the 10,000 customers moved at other instants (152 transitions are new, 140 gone) — a renewal
     * three days after a first order ends conversion then rather than
     * 30 days after the order, and a renewal with no start in the data makes a customer of its subscriber.
     */
    @ParameterizedTest(name = "alone with its store: {0}")
    @ValueSource(booleans = {false, true})
    void tenThousandGeneratedCustomersGetThePinnedAnswers(boolean alone) throws Exception {
        assertThat(answersDigest(alone, Map.of())).isEqualTo(PINNED_ANSWERS);
    }

    /**
     * With renewals counted as activity only, the answers are those the code of 2026-12-03 gave (before the fact store
     * was reorganised, and after the walk's rewrite had been checked against the day-by-day replay above).
     */
    @Test
    void withoutRenewalsAsPurchasesTheAnswersAreThoseBeforeRenewalsCounted() throws Exception {
        assertThat(answersDigest(false, Map.of("lifestage.metrics.renewals-as-purchases", "false")))
                .isEqualTo(ANSWERS_WITHOUT_RENEWALS);
    }

    private String answersDigest(boolean alone, Map<String, String> settings) throws Exception {
        Path file = generated(11, 10_000);

        try (LifestageContainer engine = start(DEFAULT_PACK, settings);
             StageStore store = engine.openStore()) {
            StageRun run = engine.stageRun(store, Clock.systemUTC());
            run(alone ? run.alone() : run, file, AS_OF);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StoreSettings database = engine.bean(StoreSettings.class);
            TestStores.query(database, "SELECT transition_id, customer_id, from_stage, to_stage, occurred_at,"
                    + " rule_name, policy FROM ls_transition ORDER BY customer_id, occurred_at, transition_id", rs -> {
                        for (int column = 1; column <= 7; column++) {
                            digest.update((rs.getString(column) + "|").getBytes(StandardCharsets.UTF_8));
                        }
                        return null;
                    });
            TestStores.query(database, "SELECT customer_id, stage, stage_since FROM ls_customer ORDER BY customer_id",
                    rs -> {
                        for (int column = 1; column <= 3; column++) {
                            digest.update((rs.getString(column) + "|").getBytes(StandardCharsets.UTF_8));
                        }
                        return null;
                    });
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    @Test
    void aConversionWindowSetInTheConfigurationEndsOnItsDay() throws Exception {
        assertThat(conversionEnds(DEFAULT_PACK, Map.of("lifestage.threshold.conversion-window-days", "14")))
                .isEqualTo(day(14));
    }

    @Test
    void aConversionWindowWrittenAsANumberInDrlEndsOnItsDay() throws Exception {
        Path pack = copy(DEFAULT_PACK);
        Path drl = pack.resolve("stages.drl");
        Files.writeString(drl, Files.readString(drl).replace(
                "daysSinceLastPurchase < threshold.get(\"conversion-window-days\")", "daysSinceLastPurchase < 14"));

        assertThat(conversionEnds(pack, Map.of())).isEqualTo(day(14));
    }

    @Test
    void aConversionWindowWrittenInADecisionTableCellEndsOnItsDay() throws Exception {
        Path pack = copy(TABLE_PACK);
        Path table = pack.resolve("stages-table.csv");
        String text = Files.readString(table);
        Files.writeString(table, text.replace("conversion-first-purchase,70,stage,,,,,,,,,,1,30,",
                "conversion-first-purchase,70,stage,,,,,,,,,,1,14,"));
        assertThat(Files.readString(table)).isNotEqualTo(text);

        assertThat(conversionEnds(pack, Map.of())).isEqualTo(day(14));
    }

    /** A file of customers generated from a seed, as of {@link #AS_OF}. */
    private Path generated(int seed, int customers) throws IOException {
        StringWriter events = new StringWriter();
        new SyntheticEvents(seed, AS_OF).write(customers, events);
        return Files.writeString(dir.resolve("events.jsonl"), events.toString());
    }

    /** When a customer whose only purchase was on day 0, active until day 10, leaves conversion. */
    private Instant conversionEnds(Path pack, Map<String, String> settings) throws Exception {
        Path file = dir.resolve("one-buyer.jsonl");
        Files.writeString(file, String.join("\n",
                track("Order Completed", day(0), ",\"properties\":{\"total\":40}"),
                track("Page Viewed", day(3), ""),
                track("Page Viewed", day(10), "")) + "\n");
        try (LifestageContainer engine = start(pack, settings);
             StageStore store = engine.openStore()) {
            run(engine, store, file, day(40));
            return store.history("ann").stream().filter(t -> "conversion".equals(t.from()))
                    .map(Transition::at).findFirst().orElseThrow();
        }
    }

    private static String track(String event, Instant at, String properties) {
        return "{\"type\":\"track\",\"userId\":\"ann\",\"event\":\"" + event + "\",\"timestamp\":\"" + at + "\""
                + properties + "}";
    }

    private static Instant day(int day) {
        return Instant.parse("2026-01-05T10:17:23Z").plus(Duration.ofDays(day));
    }

    private LifestageContainer start(Path pack, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.put(RulesSettings.DIR, pack.toString());
        all.putAll(emptyStore());
        return LifestageContainer.start(all, null);
    }

    private static void run(LifestageContainer engine, StageStore store, Path events, Instant asOf) {
        run(engine.stageRun(store, Clock.systemUTC()), events, asOf);
    }

    private static void run(StageRun run, Path events, Instant asOf) {
        StageRun.IngestSummary ingested = run.ingest(List.of(new StageRun.SourceUse("events", resume -> {
            Source source = Connectors.installed(ExactInstantTest.class.getClassLoader()).newSource("file");
            source.start(new SettingsContext("events", Map.of("path", events.toString()), rejected -> {
                throw new AssertionError("rejected: " + rejected);
            }));
            return source;
        })));
        run.evaluate(asOf, List.of(), ingested);
    }

    /**
     * The moves of one customer found by classifying them, from all their facts, at each fact's instant and at every
     * whole day after each fact up to as-of: every instant at which a day-counted metric can change.
     */
    private static List<String> replayDayByDay(LifestageContainer engine, List<Fact> facts) {
        TreeSet<Long> instants = new TreeSet<>();
        for (Fact fact : facts) {
            long at = fact instanceof Event event ? event.timestamp().toEpochMilli()
                    : ((io.lifestage.api.CustomerProfile) fact).updatedAt().toEpochMilli();
            for (long instant = at; instant <= AS_OF.toEpochMilli(); instant += DAY) {
                instants.add(instant);
            }
        }
        instants.add(AS_OF.toEpochMilli());
        RuleBase rules = engine.ruleBase();
        TransitionPolicy policy = rules.transitions();
        MetricsCalculator calculator = engine.bean(MetricsCalculator.class);
        List<String> moves = new ArrayList<>();
        String current = null;
        String decided = null;
        try (Classifier classifier = rules.newClassifier()) {
            for (long at : instants) {
                MetricsRun metrics = calculator.newRun(Instant.ofEpochMilli(at));
                facts.forEach(metrics::add);
                if (metrics.finish() == 0) {
                    continue;
                }
                Decision decision = classifier.classify(metrics.takeMetrics(0));
                if (!decision.stage().equals(decided)) {
                    decided = decision.stage();
                    if (!decided.equals(current)) {
                        moves.add(current + "->" + decided + "@" + Instant.ofEpochMilli(at));
                        if (policy.judge(current, decided).policy() != Transition.Policy.REFUSED) {
                            current = decided;
                        }
                    }
                }
            }
        }
        return moves;
    }

    private static List<String> moves(List<Transition> transitions) {
        return transitions.stream().map(t -> Objects.toString(t.from()) + "->" + t.to() + "@" + t.at()).toList();
    }

    private Path copy(Path pack) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("pack-" + System.nanoTime()));
        try (var files = Files.list(pack)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
