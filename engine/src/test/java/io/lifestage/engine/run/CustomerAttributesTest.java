package io.lifestage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Decision;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.classify.RuleBaseCompiler;
import io.lifestage.engine.classify.RulePackException;
import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.store.StageStore;
import io.lifestage.segment.SegmentCall;
import io.lifestage.testing.StoreUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules that read declared attributes — a trait's latest value, an event property's first touch — decide as written,
 * as of the instant evaluated: {@code classify} as of an instant and the walk of a run at that instant agree.
 */
class CustomerAttributesTest implements StoreUnderTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant AS_OF = START.plus(Duration.ofDays(30));

    @TempDir
    Path dir;
    private Path pack;

    @BeforeEach
    void writePack() throws IOException {
        pack = Files.createDirectories(dir.resolve("pack"));
        Files.writeString(pack.resolve("stages.csv"), "name,label,description\nvisitor,,\ngerman,,\nnewsletter,,\n");
        Files.writeString(pack.resolve("rules.drl"), """
                package test;
                import io.lifestage.api.rules.CustomerMetrics;
                global io.lifestage.api.rules.Verdict verdict;
                rule "german" salience 3 when CustomerMetrics( attribute("country") == "DE" )
                then verdict.assign("german", "lives in Germany"); end
                rule "newsletter" salience 2 when CustomerMetrics( attribute("first-source") == "newsletter" )
                then verdict.assign("newsletter", "came from the newsletter"); end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);
        Files.writeString(pack.resolve("pack.properties"), """
                lifestage.metrics.attributes.country=trait:country
                lifestage.metrics.attributes.first-source=first-touch:properties.utm_source
                """);
    }

    /** Ann comes from the newsletter, then from ads, and says she lives in Germany on day 5. */
    private static final List<String> ANN = List.of(
            track("ann", "Page Viewed", 0, "{\"utm_source\":\"newsletter\"}"),
            track("ann", "Page Viewed", 2, "{\"utm_source\":\"ads\"}"),
            identify("ann", 5, "{\"country\":\"DE\"}"),
            track("ann", "Page Viewed", 9, "{}"));
    /** Bob comes from ads first, then from the newsletter; he lives in Germany until day 4, then in France. */
    private static final List<String> BOB = List.of(
            track("bob", "Page Viewed", 0, "{\"utm_source\":\"ads\"}"),
            identify("bob", 1, "{\"country\":\"DE\"}"),
            track("bob", "Page Viewed", 3, "{\"utm_source\":\"newsletter\"}"),
            identify("bob", 4, "{\"country\":\"FR\"}"));

    @Test
    void classifyReadsTheTraitAndTheFirstTouchAsOfTheInstant() throws Exception {
        try (LifestageContainer engine = start()) {
            assertThat(stageOf(engine, ANN, day(1))).isEqualTo("newsletter");
            assertThat(stageOf(engine, ANN, day(3))).isEqualTo("newsletter");
            assertThat(stageOf(engine, ANN, day(5))).isEqualTo("german");
            assertThat(stageOf(engine, BOB, day(0))).isEqualTo("visitor");
            assertThat(stageOf(engine, BOB, day(2))).isEqualTo("german");
            assertThat(stageOf(engine, BOB, day(4))).isEqualTo("visitor");
        }
    }

    @Test
    void aRunMovesEachCustomerWhenTheirAttributeChangesAsClassifyDoesAtThatInstant() throws Exception {
        List<String> lines = new ArrayList<>(ANN);
        lines.addAll(BOB);

        try (LifestageContainer engine = start();
             StageStore store = engine.openStore()) {
            ListSource.ingestAndEvaluate(engine.stageRun(store, Clock.systemUTC()), facts(lines), AS_OF);

            assertThat(moves(store.history("ann"))).containsExactly(
                    "null->newsletter@" + day(0), "newsletter->german@" + day(5));
            assertThat(moves(store.history("bob"))).containsExactly(
                    "null->visitor@" + day(0), "visitor->german@" + day(1), "german->visitor@" + day(4));
            for (Transition move : store.history("bob")) {
                assertThat(stageOf(engine, BOB, move.at())).isEqualTo(move.to());
            }
        }
    }

    @Test
    void validateRefusesARuleReadingAnUndeclaredAttributeNamingItAndItsLine() throws IOException {
        Files.writeString(pack.resolve("more.drl"), """
                package test;
                import io.lifestage.api.rules.CustomerMetrics;

                rule "on a plan" salience 4 when CustomerMetrics( attribute("plan") == "pro" )
                then verdict.assign("german", "pro"); end
                """);

        assertThatThrownBy(() -> new RuleBaseCompiler(ConfiguredThresholds.of(Map.of())).compile(pack))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("LS-RULE-0020 more.drl:4: attribute 'plan' is not declared")
                .hasMessageContaining("lifestage.metrics.attributes.plan=");
    }

    @Test
    void validateRefusesAnAttributeWhoseSourceCannotBeReadNamingTheFileAndLine() throws IOException {
        Files.writeString(pack.resolve("pack.properties"), """
                lifestage.metrics.attributes.country=trait:country
                lifestage.metrics.attributes.first-source=utm_source
                """);

        assertThatThrownBy(() -> new RuleBaseCompiler(ConfiguredThresholds.of(Map.of())).compile(pack))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("pack.properties:2")
                .hasMessageContaining("lifestage.metrics.attributes.first-source 'utm_source' is not an attribute"
                        + " source");
    }

    private static String stageOf(LifestageContainer engine, List<String> lines, Instant asOf) {
        List<Decision> decisions = engine.engine().classify(facts(lines), asOf);
        assertThat(decisions).hasSize(1);
        return decisions.get(0).stage();
    }

    private static List<Fact> facts(List<String> lines) {
        return lines.stream().<Fact>map(line -> SegmentCall.parse(line).event()).toList();
    }

    private LifestageContainer start() throws Exception {
        Map<String, String> settings = new HashMap<>(emptyStore());
        settings.put("lifestage.rules.dir", pack.toString());
        return LifestageContainer.start(settings, null);
    }

    private static List<String> moves(List<Transition> transitions) {
        return transitions.stream().map(t -> t.from() + "->" + t.to() + "@" + t.at()).toList();
    }

    private static Instant day(int day) {
        return START.plus(Duration.ofDays(day));
    }

    private static String track(String user, String event, int day, String properties) {
        return "{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"" + event + "\",\"timestamp\":\""
                + day(day) + "\",\"properties\":" + properties + "}";
    }

    private static String identify(String user, int day, String traits) {
        return "{\"type\":\"identify\",\"userId\":\"" + user + "\",\"timestamp\":\"" + day(day) + "\",\"traits\":"
                + traits + "}";
    }
}
