package io.lifestage.engine.report;

import static io.lifestage.engine.report.StoreHistory.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Event;
import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.InvalidConfigurationException;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.MetricsSettings;
import io.lifestage.engine.config.ReportSettings;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.TierPolicy;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import io.lifestage.testing.StoreUnderTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stage counts and the scorecard broken down by a customer's first-touch campaign source, on a hand-made history,
 * the figures worked out by hand. The period runs from day 30 (excluded) to day 60.
 * <pre>
 * a1: page day 31 from ads; order day 40 of 100; moves awareness 31, conversion 40
 * a2: pages day 32 from ads, day 33 from the newsletter (its first touch stays ads); moves awareness 32
 * n1: page day 31 from the newsletter; order day 45 of 50; moves awareness 31, conversion 45
 * s1: page day 35 from social; moves awareness 35
 * x1: page day 34 without a campaign; moves awareness 34
 * late: page day 61 from social, after the period: no value at its end, not seen by then
 * </pre>
 * With the top value only: ads (2 customers), then the other values (newsletter and social), then no value (x1).
 */
class BreakdownTest implements StoreUnderTest {

    private StageStore store;
    private Reports reports;
    private MetricsCalculator.AttributeRead channel;

    @BeforeEach
    void fill() throws Exception {
        store = TestStores.open(emptyStore().get(URL));
        new StoreHistory(store)
                .fact(page("a1", 31, "ads")).event("a1", "Order Completed", 40, 0, "total", 100)
                .move("a1", null, "awareness", 31).move("a1", "awareness", "conversion", 40)
                .fact(page("a2", 32, "ads")).fact(page("a2", 33, "newsletter"))
                .move("a2", null, "awareness", 32)
                .fact(page("n1", 31, "newsletter")).event("n1", "Order Completed", 45, 0, "total", 50)
                .move("n1", null, "awareness", 31).move("n1", "awareness", "conversion", 45)
                .fact(page("s1", 35, "social")).move("s1", null, "awareness", 35)
                .fact(page("x1", 34, null)).move("x1", null, "awareness", 34)
                .fact(page("late", 61, "social"))
                .save(60);
        reports = new Reports(store, StoreHistory.DEFAULT_STAGES, LifestageConfig.defaults(ReportSettings.class),
                new TierPolicy(100, 1000, 3));
        channel = calculator().attribute("channel");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theTopValueThenTheOtherValuesThenNoValueEachWithItsStagesAndScorecard() {
        AttributeBreakdown breakdown = reports.breakdown("channel", channel, day(30), day(60), 1);

        assertThat(breakdown.groups()).extracting(AttributeBreakdown.Group::label, AttributeBreakdown.Group::customers)
                .containsExactly(tuple("ads", 2L), tuple("(other)", 2L), tuple("(none)", 1L));
        // at day 60: ads a2 aware, a1 converted; other s1 aware, n1 converted; none x1 aware
        assertThat(breakdown.groups()).extracting(g -> g.stages().count("awareness"), g -> g.stages().count(
                "conversion")).containsExactly(tuple(1L, 1L), tuple(1L, 1L), tuple(1L, 0L));
        // visits ads 1 + 2, other 1 + 1, none 1; buyers a1, n1; first purchases of the never-bought active customers
        // ads 1 of 2, other 1 of 2, none 0 of 1
        assertThat(measure(breakdown, "visits")).containsExactly(3.0, 2.0, 1.0);
        assertThat(measure(breakdown, "buyers")).containsExactly(1.0, 1.0, 0.0);
        assertThat(measure(breakdown, "revenue")).containsExactly(100.0, 50.0, 0.0);
        assertThat(measure(breakdown, "average_order_value")).containsExactly(100.0, 50.0, null);
        assertThat(measure(breakdown, "first_purchase_rate")).containsExactly(0.5, 0.5, 0.0);
    }

    @Test
    void theGroupsAddUpToTheWholeReport() {
        AttributeBreakdown breakdown = reports.breakdown("channel", channel, day(30), day(60), 5);
        LifecycleReport whole = reports.report(day(30), day(60), List.of(day(60)));

        assertThat(breakdown.groups()).extracting(AttributeBreakdown.Group::label)
                .containsExactly("ads", "newsletter", "social", "(none)");
        assertThat(measure(breakdown, "visits").stream().mapToDouble(Double::doubleValue).sum())
                .isEqualTo(value(whole.scorecard(), "visits"));
        assertThat(breakdown.groups().stream().mapToLong(g -> g.stages().total()).sum())
                .isEqualTo(whole.snapshots().get(0).total());
    }

    @Test
    void everyFormatNamesTheGroupsAndTheirFigures() throws Exception {
        AttributeBreakdown breakdown = reports.breakdown("channel", channel, day(30), day(60), 1);

        assertThat(render(ReportFormat.TEXT, breakdown)).contains("by channel")
                .containsPattern("stage +measure +ads +\\(other\\) +\\(none\\)")
                .containsPattern("awareness +visits +3 +2 +1");
        assertThat(render(ReportFormat.CSV, breakdown)).startsWith("attribute,group,from,to,stage,measure,value\n")
                .contains("channel,ads,2026-01-31T00:00:00Z,2026-03-02T00:00:00Z,,customers,2\n")
                .contains("channel,(other),2026-01-31T00:00:00Z,2026-03-02T00:00:00Z,conversion,customers_at_end,1\n");
        assertThat(render(ReportFormat.JSON, breakdown)).contains("\"attribute\" : \"channel\"")
                .contains("\"kind\" : \"OTHER\"").contains("\"value\" : \"ads\"");
        assertThat(render(ReportFormat.HTML, breakdown)).contains("<th>ads</th><th>(other)</th><th>(none)</th>")
                .contains("<td>awareness</td><td>visits</td><td>3</td><td>2</td><td>1</td>");
    }

    @Test
    void anUndeclaredAttributeIsRefusedNamingTheDeclaredOnes() {
        assertThatThrownBy(() -> calculator().attribute("country"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("lifestage.metrics.attributes.country")
                .hasMessageContaining("attribute 'country' is not declared (declared: channel)");
    }

    private static MetricsCalculator calculator() {
        Map<String, String> settings = new HashMap<>();
        settings.put("lifestage.metrics.attributes.channel", "first-touch:context.campaign.source");
        MetricsSettings metrics = new SmallRyeConfigBuilder().withMapping(MetricsSettings.class)
                .withSources(new PropertiesConfigSource(settings, "test", 500)).build()
                .getConfigMapping(MetricsSettings.class);
        return new MetricsCalculator(metrics, ConfiguredThresholds.of(Map.of()));
    }

    /** A page call on a day, from a campaign source, or without a campaign when {@code source} is null. */
    private static Event page(String customer, int day, String source) {
        return new Event(Event.Type.PAGE, customer, null, Event.PAGE_VIEWED, day(day), Map.of(), Map.of(), null,
                source == null ? Map.of() : Map.of("campaign", Map.of("source", source)));
    }

    private static List<Double> measure(AttributeBreakdown breakdown, String name) {
        return breakdown.groups().stream().map(g -> value(g.scorecard(), name)).toList();
    }

    private static Double value(List<Kpi> scorecard, String name) {
        return scorecard.stream().filter(kpi -> kpi.name().equals(name)).findFirst().orElseThrow().value();
    }

    private static String render(ReportFormat format, AttributeBreakdown breakdown) throws Exception {
        StringWriter out = new StringWriter();
        format.write(breakdown, out);
        return out.toString();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
