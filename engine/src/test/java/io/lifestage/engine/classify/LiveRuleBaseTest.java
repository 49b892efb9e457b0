package io.lifestage.engine.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.api.LifecycleEngine;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.testing.TestPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running engine picks up rule changes without a restart, refuses broken ones, and never mixes versions. */
class LiveRuleBaseTest {

    private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path pack;

    private void writeRules(String reason) throws IOException {
        Files.writeString(pack.resolve("rules.drl"), """
                package test;
                import io.lifestage.api.rules.CustomerMetrics;
                global io.lifestage.api.rules.Verdict verdict;
                rule "buyer" salience 2 when CustomerMetrics( orders > 0 ) then verdict.assign("buyer", "%s"); end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "%s"); end
                """.formatted(reason, reason));
    }

    private LiveRuleBase watchedPack() throws IOException {
        Files.writeString(pack.resolve("stages.csv"), "name,label,description\nvisitor,,\nbuyer,,\n");
        writeRules("first");
        LiveRuleBase live = new LiveRuleBase(pack, new RuleBaseCompiler(ConfiguredThresholds.of(Map.of())));
        live.watch();
        return live;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aValidChangeIsServedWithoutARestart() throws Exception {
        try (LiveRuleBase live = watchedPack()) {
            String before = live.current().version();

            writeRules("second");
            await("the reload", () -> !live.current().version().equals(before));

            try (Classifier classifier = live.current().newClassifier()) {
                assertThat(classifier.classify(Customers.with("c1", 1)).reason()).isEqualTo("second");
            }
            assertThat(live.lastFailure()).isEmpty();
        }
    }

    @Test
    void aBrokenChangeIsRefusedAndTheLastGoodRulesKeepServing() throws Exception {
        try (LiveRuleBase live = watchedPack()) {
            String good = live.current().version();

            Files.writeString(pack.resolve("rules.drl"),
                    "package test;\nrule \"broken\" when CustomerMetrics( then end\n");
            await("the refused reload", () -> live.lastFailure().isPresent());

            assertThat(live.current().version()).isEqualTo(good);
            assertThat(live.lastFailure().get().problems()).first().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo("LS-RULE-0001");
                assertThat(problem.file()).isEqualTo("rules.drl");
                assertThat(problem.line()).isEqualTo(2);
            });
            try (Classifier classifier = live.current().newClassifier()) {
                assertThat(classifier.classify(Customers.with("c1", 0)).reason()).isEqualTo("first");
            }

            writeRules("fixed");
            await("the recovery", () -> live.lastFailure().isEmpty() && !live.current().version().equals(good));
        }
    }

    @Test
    void aReloadWithARuleThatWouldHangOrStopTheProgramIsRefused() throws Exception {
        try (LiveRuleBase live = watchedPack()) {
            String good = live.current().version();
            Files.writeString(pack.resolve("rules.drl"), Files.readString(pack.resolve("rules.drl")).replace(
                    "then verdict.assign(\"buyer\"", "then System.exit(0); update($c); verdict.assign(\"buyer\""));

            assertThat(live.reload()).isFalse();

            assertThat(live.current().version()).isEqualTo(good);
            assertThat(live.lastFailure().get().problems()).extracting(RuleProblem::toString).anySatisfy(problem ->
                    assertThat(problem).startsWith("LS-RULE-0016 rules.drl:4: rules may not stop the program"));
        }
    }

    @Test
    void aReloadReadsThePacksOwnThresholdsAgain() throws Exception {
        TestPack.write(pack, "visitor,buyer", """
                rule "buyer" salience 2 when CustomerMetrics( orders >= threshold.get("buyer-orders") )
                    then verdict.assign("buyer", "bought"); end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);
        Files.writeString(pack.resolve("pack.properties"), "lifestage.threshold.buyer-orders=1\n");
        try (LiveRuleBase live = new LiveRuleBase(pack, new RuleBaseCompiler(ConfiguredThresholds.of(Map.of())))) {
            Files.writeString(pack.resolve("pack.properties"), "lifestage.threshold.buyer-orders=3\n");

            assertThat(live.reload()).isTrue();

            try (Classifier classifier = live.current().newClassifier()) {
                assertThat(classifier.classify(Customers.with("c1", 2)).stage()).isEqualTo("visitor");
            }
        }
    }

    @Test
    void aReloadOfRulesReadingADeclaredAttributeIsServed() throws Exception {
        try (LiveRuleBase live = watchedPack()) {
            Files.writeString(pack.resolve("pack.properties"), "lifestage.metrics.attributes.country=trait:country\n");
            Files.writeString(pack.resolve("rules.drl"), """
                    package test;
                    import io.lifestage.api.rules.CustomerMetrics;
                    global io.lifestage.api.rules.Verdict verdict;
                    rule "german" salience 2 when CustomerMetrics( attribute("country") == "DE" )
                        then verdict.assign("buyer", "German"); end
                    rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                    """);

            assertThat(live.reload()).isTrue();
            assertThat(live.lastFailure()).isEmpty();
        }
    }

    @Test
    void classificationDuringReloadsNeverFailsNorMixesVersions() throws Exception {
        Files.writeString(pack.resolve("stages.csv"), "name,label,description\nvisitor,,\nbuyer,,\n");
        writeRules("v0");
        List<Event> facts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            facts.add(Event.track("c" + i, i % 2 == 0 ? "Order Completed" : "Page Viewed", AS_OF.minusSeconds(60),
                    Map.of()));
        }
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);

        try (LifestageContainer container = LifestageContainer.start(
                Map.of(RulesSettings.DIR, pack.toString(), "lifestage.rules.watch", "true"), null)) {
            LifecycleEngine engine = container.engine();
            ExecutorService clients = Executors.newFixedThreadPool(3);
            for (int c = 0; c < 3; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        try {
                            List<Decision> decisions = engine.classify(facts, AS_OF);
                            assertThat(decisions).hasSize(300);
                            Set<String> versions =
                                    Set.copyOf(decisions.stream().map(Decision::ruleBaseVersion).toList());
                            Set<String> reasons = Set.copyOf(decisions.stream().map(Decision::reason).toList());
                            assertThat(versions).hasSize(1);
                            assertThat(reasons).hasSize(1);
                            versionsSeen.addAll(versions);
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }
                });
            }
            for (int change = 1; change <= 4; change++) {
                writeRules("v" + change);
                int expected = change + 1;
                await("reload " + change, () -> versionsSeen.size() >= expected);
                Files.writeString(pack.resolve("rules.drl"), "rule \"half-written\" when");
                await("refusal " + change, () -> container.liveRuleBase().lastFailure().isPresent());
            }
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(failures).isEmpty();
        assertThat(versionsSeen).hasSize(5);
    }
}
