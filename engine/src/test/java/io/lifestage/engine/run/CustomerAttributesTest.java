package io.lifestage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Decision;
import io.lifestage.api.Event;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules that read declared attributes — a trait's latest value, an event property's first and last touch, a Segment
 * context field's first touch, a count of events with a property value within a window — decide as written, as of the
 * instant evaluated: {@code classify} as of an instant and the walk of a run at that instant agree, and a run moves a
 * customer at the exact instant a counted event leaves its window.
 */
class CustomerAttributesTest implements StoreUnderTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant AS_OF = START.plus(Duration.ofDays(60));

    @TempDir
    Path dir;
    private Path pack;

    @BeforeEach
    void writePack() throws IOException {
        pack = Files.createDirectories(dir.resolve("pack"));
        Files.writeString(pack.resolve("stages.csv"),
                "name,label,description\nvisitor,,\nbag-browser,,\nnewsletter,,\ngerman,,\nshoe-fan,,\n");
        Files.writeString(pack.resolve("rules.drl"), """
                package test;
                import io.lifestage.api.rules.CustomerMetrics;
                global io.lifestage.api.rules.Verdict verdict;
                rule "shoe-fan" salience 5 when CustomerMetrics( attributeNumber("shoe-views") >= 2 )
                then verdict.assign("shoe-fan", "viewed shoes twice in 30 days"); end
                rule "german" salience 4 when CustomerMetrics( attribute("country") == "DE" )
                then verdict.assign("german", "lives in Germany"); end
                rule "newsletter" salience 3 when CustomerMetrics( attribute("first-source") == "newsletter"
                        || attribute("first-campaign") == "newsletter" )
                then verdict.assign("newsletter", "came from the newsletter"); end
                rule "bag-browser" salience 2 when CustomerMetrics( attribute("last-category") == "bags" )
                then verdict.assign("bag-browser", "last looked at bags"); end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);
        Files.writeString(pack.resolve("pack.properties"), """
                lifestage.metrics.attributes.country=trait:country
                lifestage.metrics.attributes.first-source=first-touch:properties.utm_source
                lifestage.metrics.attributes.first-campaign=first-touch:context.campaign.source
                lifestage.metrics.attributes.last-category=last-touch:properties.category
                lifestage.metrics.attributes.shoe-views=count:Product Viewed[category=shoes]/30d
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

    /** Dan first comes from the newsletter's campaign, then from ads: his first touch stays the newsletter. */
    private static final List<String> DAN = List.of(
            page("dan", 0, "newsletter"),
            page("dan", 2, "ads"));
    /** Eve comes from ads, looks at bags on day 3 and at hats on day 5. */
    private static final List<String> EVE = List.of(
            page("eve", 0, "ads"),
            track("eve", "Product Viewed", 3, "{\"category\":\"bags\"}"),
            track("eve", "Product Viewed", 5, "{\"category\":\"hats\"}"));
    /**
     * Carol views shoes on days 0, 10 and 20 and bags on day 12: two shoe views in 30 days from day 10 until day 40,
     * when the view of day 10 leaves the window (her last category is shoes again from day 20).
     */
    private static final List<String> CAROL = List.of(
            track("carol", "Product Viewed", 0, "{\"category\":\"shoes\"}"),
            track("carol", "Product Viewed", 10, "{\"category\":\"shoes\"}"),
            track("carol", "Product Viewed", 12, "{\"category\":\"bags\"}"),
            track("carol", "Product Viewed", 20, "{\"category\":\"shoes\"}"));

    @Test
    void segmentIngestKeepsTheContextFieldsOfOriginAndDropsTheDevice() {
        Event event = SegmentCall.parse(page("dan", 0, "newsletter")).event();

        assertThat(event.context()).containsOnlyKeys("campaign", "page", "channel");
        assertThat(event.context().get("campaign")).isEqualTo(Map.of("source", "newsletter", "medium", "email"));
        assertThat(event.properties()).isEqualTo(Map.of("title", "Home"));
    }

    @Test
    void classifyReadsAContextFirstTouchAPropertyLastTouchAndAWindowedCountAsOfTheInstant() throws Exception {
        try (LifestageContainer engine = start()) {
            assertThat(stageOf(engine, DAN, day(3))).isEqualTo("newsletter");
            assertThat(stageOf(engine, EVE, day(2))).isEqualTo("visitor");
            assertThat(stageOf(engine, EVE, day(4))).isEqualTo("bag-browser");
            assertThat(stageOf(engine, EVE, day(5))).isEqualTo("visitor");
            assertThat(stageOf(engine, CAROL, day(9))).isEqualTo("visitor");
            assertThat(stageOf(engine, CAROL, day(10))).isEqualTo("shoe-fan");
            assertThat(stageOf(engine, CAROL, day(40).minusMillis(1))).isEqualTo("shoe-fan");
            assertThat(stageOf(engine, CAROL, day(40))).isEqualTo("visitor");
        }
    }

    @Test
    void aRunStoresTheContextAndMovesAtTheInstantATouchChangesOrACountedEventLeavesItsWindow() throws Exception {
        List<String> lines = new ArrayList<>(DAN);
        lines.addAll(EVE);
        lines.addAll(CAROL);

        try (LifestageContainer engine = start();
             StageStore store = engine.openStore()) {
            ListSource.ingestAndEvaluate(engine.stageRun(store, Clock.systemUTC()), facts(lines), AS_OF);

            assertThat(moves(store.history("dan"))).containsExactly("null->newsletter@" + day(0));
            assertThat(((Event) storedFacts(store, "dan").get(0)).context()).isEqualTo(
                    SegmentCall.parse(DAN.get(0)).event().context());
            assertThat(moves(store.history("eve"))).containsExactly(
                    "null->visitor@" + day(0), "visitor->bag-browser@" + day(3), "bag-browser->visitor@" + day(5));
            assertThat(moves(store.history("carol"))).containsExactly(
                    "null->visitor@" + day(0), "visitor->shoe-fan@" + day(10), "shoe-fan->visitor@" + day(40));
        }
    }

    @Test
    void aCallStoredWithoutItsContextIsRecognisedWhenItComesAgainWithIt() throws Exception {
        String withContext = page("dan", 0, "newsletter");
        String withoutContext = withContext.replaceAll(",\"context\":.*}$", "}");
        assertThat(SegmentCall.parse(withoutContext).event().context()).isEmpty();

        try (LifestageContainer engine = start();
             StageStore store = engine.openStore()) {
            assertThat(store.ingest("before", facts(List.of(withoutContext)), "1", Instant.EPOCH)).isEqualTo(1);
            assertThat(store.ingest("after", facts(List.of(withContext)), "1", Instant.EPOCH)).isEqualTo(0);

            assertThat(storedFacts(store, "dan")).hasSize(1);
        }
    }

    @Test
    void validateRefusesACountWithoutAWindowOrInAnEmptyOneOrWithAConditionWithoutValue() throws IOException {
        Files.writeString(pack.resolve("pack.properties"), """
                lifestage.metrics.attributes.shoe-views=count:Product Viewed[category=shoes]
                lifestage.metrics.attributes.first-source=count:Product Viewed/0d
                lifestage.metrics.attributes.country=count:Product Viewed[category=]/30d
                """);

        assertThatThrownBy(() -> new RuleBaseCompiler(ConfiguredThresholds.of(Map.of())).compile(pack))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("pack.properties:1")
                .hasMessageContaining("lifestage.metrics.attributes.shoe-views 'count:Product Viewed[category=shoes]'"
                        + " is not a count: write count:<event>/<days>d")
                .hasMessageContaining("pack.properties:2")
                .hasMessageContaining("counts in a window of 0 days: the window must be a whole number of days")
                .hasMessageContaining("pack.properties:3")
                .hasMessageContaining("has the condition [category=]: name a property (or context.<field>) and a"
                        + " value");
    }

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

    private static List<Fact> storedFacts(StageStore store, String customer) {
        List<Fact> facts = new ArrayList<>();
        store.facts(List.of(customer), facts::addAll);
        return facts;
    }

    private LifestageContainer start() throws Exception {
        return Engines.start(emptyStore(), pack);
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

    /** A page call as analytics.js sends it, with the campaign of the visit and the device it came from. */
    private static String page(String user, int day, String source) {
        return "{\"type\":\"page\",\"userId\":\"" + user + "\",\"timestamp\":\"" + day(day) + "\","
                + "\"properties\":{\"title\":\"Home\"},\"context\":{\"campaign\":{\"source\":\"" + source + "\","
                + "\"medium\":\"email\"},\"page\":{\"url\":\"https://shop.example/\"},\"channel\":\"web\","
                + "\"userAgent\":\"Mozilla/5.0\",\"ip\":\"203.0.113.7\",\"library\":{\"name\":\"analytics.js\"}}}";
    }

    private static String identify(String user, int day, String traits) {
        return "{\"type\":\"identify\",\"userId\":\"" + user + "\",\"timestamp\":\"" + day(day) + "\",\"traits\":"
                + traits + "}";
    }
}
