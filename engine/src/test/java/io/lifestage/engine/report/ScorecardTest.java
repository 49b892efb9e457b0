package io.lifestage.engine.report;

import static io.lifestage.engine.report.StoreHistory.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lifestage.engine.config.ReportSettings;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.metrics.TierPolicy;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import io.lifestage.testing.StoreUnderTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every measure of the scorecard on a small hand-made history, the numbers worked out by hand. The period runs from
 * day 30 (excluded) to day 60; events are at {@code day hh:mm} (minutes into the day). Before the period: p3 bought for
 * 50 on day 10, p5 subscribed on day 5, p6 bought for 300 on day 1 and nothing since.
 * <pre>
 * p1: visits 29 23:50, 30 00:10 (20 min later: the same session), 30 00:50 (40 min: a new one), 45 00:00 (screen)
 * p2: visits 40 00:00, 40 00:30 (exactly 30 min: the same session), 40 01:10; Signed Up 40;
 *     order 50 of 100 at a cost of 60; moves awareness 0, consideration 40, conversion 50
 * p3: order 35 of 200 with a margin of 80; Subscription Started 36; refund 38 of 20; NPS 9 (no survey named);
 *     Referral Sent 51; moves conversion 10
 * p4: Lead Created 33, visit 33; NPS 6 (survey=nps), CSAT 4; Subscription Renewed 40
 * p5: Subscription Renewed 35, Subscription Cancelled 55; CSAT 2, NPS 10 on day 56; order 70 (after the period);
 *     moves conversion 5, churn 55
 * </pre>
 */
class ScorecardTest implements StoreUnderTest {

    /** The default tiers: medium from 100, large from 1000, lifetime values over 3 years. */
    private static final TierPolicy TIERS = new TierPolicy(100, 1000, 3);

    private StageStore store;
    private Reports reports;

    @BeforeEach
    void fill() throws Exception {
        store = TestStores.open(emptyStore().get(URL));
        new StoreHistory(store)
                .event("p1", "Page Viewed", 29, 23 * 60 + 50).event("p1", "Page Viewed", 30, 10)
                .event("p1", "Page Viewed", 30, 50).event("p1", "Screen Viewed", 45, 0)
                .event("p2", "Page Viewed", 40, 0).event("p2", "Page Viewed", 40, 30)
                .event("p2", "Page Viewed", 40, 70).event("p2", "Signed Up", 40, 5)
                .event("p2", "Order Completed", 50, 0, "total", 100, "cost", 60)
                .move("p2", null, "awareness", 0).move("p2", "awareness", "consideration", 40)
                .move("p2", "consideration", "conversion", 50)
                .event("p3", "Order Completed", 10, 0, "total", 50)
                .event("p3", "Order Completed", 35, 0, "total", 200, "margin", 80)
                .event("p3", "Subscription Started", 36, 0).event("p3", "Order Refunded", 38, 0, "total", 20)
                .event("p3", "Survey Answered", 50, 0, "score", 9).event("p3", "Referral Sent", 51, 0)
                .move("p3", null, "conversion", 10)
                .event("p4", "Lead Created", 33, 0).event("p4", "Page Viewed", 33, 1)
                .event("p4", "Survey Answered", 34, 0, "survey", "nps", "score", 6)
                .event("p4", "Survey Answered", 34, 1, "survey", "csat", "score", 4)
                .event("p4", "Subscription Renewed", 40, 0)
                .event("p5", "Subscription Started", 5, 0).event("p5", "Subscription Renewed", 35, 0)
                .event("p5", "Subscription Cancelled", 55, 0)
                .event("p5", "Survey Answered", 56, 0, "survey", "csat", "score", 2)
                .event("p5", "Survey Answered", 56, 1, "survey", "nps", "score", 10)
                .event("p5", "Order Completed", 70, 0, "total", 999)
                .move("p5", null, "conversion", 5).move("p5", "conversion", "churn", 55)
                .event("p6", "Order Completed", 1, 0, "total", 300)
                .save(60);
        reports = new Reports(store, StoreHistory.DEFAULT_STAGES);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void eachStageHasItsOwnMeasuresWorkedOutByHand() {
        List<Kpi> scorecard = reports.report(day(30), day(60), List.of()).scorecard();

        assertThat(scorecard).extracting(Kpi::stage, Kpi::name).containsExactly(
                tuple("awareness", "visits"), tuple("awareness", "unique_visitors"), tuple("awareness", "sessions"),
                tuple("consideration", "leads"), tuple("consideration", "lead_cohort"),
                tuple("consideration", "lead_conversion_rate"), tuple("consideration", "median_days_to_convert"),
                tuple("conversion", "buyers"), tuple("conversion", "first_purchase_rate"),
                tuple("conversion", "repeat_purchase_rate"), tuple("conversion", "average_order_value"),
                tuple("conversion", "purchase_frequency"), tuple("retention", "renewal_rate"),
                tuple("retention", "customers_at_start"), tuple("retention", "retention_rate"),
                tuple("retention", "churn_rate"), tuple("loyalty", "nps"), tuple("loyalty", "csat"),
                tuple("loyalty", "recommendation_rate"), tuple(null, "revenue"), tuple(null, "lifetime_value"),
                tuple(null, "profit_per_customer"), tuple(null, "tier_small"), tuple(null, "tier_medium"),
                tuple(null, "tier_large"));
        Map<String, Double> values = values(scorecard);
        // visits in the period: p1 3, p2 3, p4 1; sessions: p1 2 (its 00:10 visit continues the one of day 29), p2 2,
        // p4 1
        assertThat(values).containsEntry("visits", 7.0).containsEntry("unique_visitors", 3.0)
                .containsEntry("sessions", 5.0);
        // leads: p2 and p4 by their events; the lead stage's cohort: p2, in consideration from day 40, converted on
        // day 50
        assertThat(values).containsEntry("leads", 2.0).containsEntry("lead_cohort", 1.0)
                .containsEntry("lead_conversion_rate", 1.0).containsEntry("median_days_to_convert", 10.0);
        // active and never bought before: p1, p2, p4, of whom p2 bought; buyers p2 (1 purchase) and p3 (2, after one
        // before): one repeat buyer of two; orders 100 and 200; 3 purchases by 2 buyers
        assertThat(values).containsEntry("buyers", 2.0).containsEntry("first_purchase_rate", 0.3333)
                .containsEntry("repeat_purchase_rate", 0.5).containsEntry("average_order_value", 150.0)
                .containsEntry("purchase_frequency", 1.5);
        // renewals p4, p5 and one cancellation (p5): 2 of 3 renewals due; customers at day 30: p3, p5; p5 churned
        assertThat(values).containsEntry("renewal_rate", 0.6667).containsEntry("customers_at_start", 2.0)
                .containsEntry("retention_rate", 0.5).containsEntry("churn_rate", 0.5);
        // NPS answers 9 (unnamed), 6, 10: 2 promoters, 1 detractor of 3; CSAT 4 and 2; p3 referred, of 5 active
        assertThat(values.get("nps")).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(values).containsEntry("csat", 0.5).containsEntry("recommendation_rate", 0.2);
        // revenue 100 + 200 - 20; lifetime values at day 60 (first purchases under a year ago: revenue x 3 years):
        // p2 100 -> 300, p3 50 + 200 - 20 -> 690, p6 300 -> 900; profit p2 100 - 60, p3 80
        assertThat(values).containsEntry("revenue", 280.0).containsEntry("lifetime_value", 630.0)
                .containsEntry("profit_per_customer", 60.0);
        // tiers by revenue to day 60 of everyone who has bought (medium from 100, large from 1000): p5 (a
        // subscription, no revenue) small; p2 100, p3 230, p6 300 medium
        assertThat(values).containsEntry("tier_small", 1.0).containsEntry("tier_medium", 3.0)
                .containsEntry("tier_large", 0.0);
    }

    @Test
    void measuresWithNobodyToMeasureHaveNoValue() {
        Map<String, Double> values = values(reports.report(day(61), day(62), List.of()).scorecard());

        assertThat(values).containsEntry("visits", 0.0).containsEntry("revenue", 0.0)
                .containsEntry("first_purchase_rate", null).containsEntry("average_order_value", null)
                .containsEntry("renewal_rate", null).containsEntry("nps", null).containsEntry("csat", null)
                .containsEntry("profit_per_customer", null).containsEntry("median_days_to_convert", null);
    }

    @Test
    void periodOverPeriodShowsEveryMeasureWithItsChange() {
        // January: (day 0, day 31]; February: (day 31, day 59]
        List<PeriodRates> months = reports.report(day(0), day(59), List.of(), Period.ofMonths(1)).periods();

        assertThat(months).extracting(PeriodRates::from).containsExactly(day(0), day(31));
        PeriodRates january = months.get(0);
        PeriodRates february = months.get(1);
        assertThat(january.kpis()).allSatisfy(kpi -> assertThat(kpi.change()).isNull());
        // visits: p1's three in January; p1 1, p2 3, p4 1 in February
        assertThat(february.kpi("awareness", "visits")).isEqualTo(
                new Kpi("awareness", "visits", Kpi.Kind.COUNT, 5.0, 2.0));
        // revenue: 50 + 300 in January, 100 + 200 - 20 in February
        assertThat(february.kpi(null, "revenue").change()).isEqualTo(-70.0);
        // first purchases: p3, p5, p6 of the active p1, p3, p5, p6 in January; p2 of p1, p2, p4 in February
        assertThat(january.kpi("conversion", "first_purchase_rate").value()).isEqualTo(0.75);
        assertThat(february.kpi("conversion", "first_purchase_rate").change()).isEqualTo(-41.67);
        // tiers as of each month's end, whatever the runs: p3 50 and p5 small, p6 medium in January; p2 and p3 medium
        // by the end of February
        assertThat(january.kpi(null, "tier_small").value()).isEqualTo(2.0);
        assertThat(february.kpi(null, "tier_small")).isEqualTo(new Kpi(null, "tier_small", Kpi.Kind.COUNT, 1.0, -1.0));
        assertThat(february.kpi(null, "tier_medium")).isEqualTo(new Kpi(null, "tier_medium", Kpi.Kind.COUNT, 3.0, 2.0));
        // no renewal fell due in January: no rate, so no change
        assertThat(january.kpi("retention", "renewal_rate").value()).isNull();
        assertThat(february.kpi("retention", "renewal_rate")).isEqualTo(
                new Kpi("retention", "renewal_rate", Kpi.Kind.RATE, 0.6667, null));
    }

    @Test
    void theEventsOfEachMeasureAreConfiguration() {
        ReportSettings renamed = new SmallRyeConfigBuilder().withMapping(ReportSettings.class)
                .withSources(new PropertiesConfigSource(Map.of("lifestage.report.visit-events", "Screen Viewed",
                        "lifestage.report.order-event", "Subscription Started",
                        "lifestage.report.subscription-event", "Order Completed"), "test", 500))
                .build().getConfigMapping(ReportSettings.class);
        Reports remapped = new Reports(store, reports.stages(), renamed, new TierPolicy(100, 1000, 1));

        Map<String, Double> values = values(remapped.report(day(30), day(60), List.of()).scorecard());

        // only p1's screen view is a visit; subscriptions (p3's) are the orders now, of no amount
        assertThat(values).containsEntry("visits", 1.0).containsEntry("sessions", 1.0)
                .containsEntry("average_order_value", 0.0);
    }

    @Test
    void aCustomersValueIsTheirStoredOrdersAndScoresWithTheLifetimeValueAsOfTheInstant() throws Exception {
        // what a run as of day 60 stores for p3: orders of 50 (day 10) and 200 (day 35), a refund of 20, a
        // subscription started on day 36; and for p2 an order of 100 on day 50
        new StoreHistory(store).purchases("p3", 36, 3, 230, "medium").orders("p3", 2, 250, 230, 10)
                .purchases("p2", 50, 1, 100, "medium");

        RfmScales scales = store.rfmScales(day(60));
        CustomerValue p3 = Reports.customerValue(store, scales, TIERS, "p3", day(60));

        // of the two buyers, p3 bought longer ago (R1), more often (F 1 + 5 x 1 / 2 = 3) and for more (M3); 230 in
        // under a year, for 3 years
        assertThat(p3).isEqualTo(new CustomerValue("p3", day(60), "conversion", 1, 3, 3, "medium", 2, 230.0, 125.0,
                690.0));
        // as of day 740 the first purchase is 730 days old, 1.9986 years: 230 / 1.9986 x 3 = 345.24
        assertThat(Reports.customerValue(store, scales, TIERS, "p3", day(740)).lifetimeValue())
                .isCloseTo(230 / (730 / 365.25) * 3, within(1e-9));
        // p5 has no order stored; nobody is stored as "nobody"
        assertThat(Reports.customerValue(store, scales, TIERS, "p5", day(60)).orders()).isZero();
        assertThat(Reports.customerValue(store, scales, TIERS, "nobody", day(60)))
                .isEqualTo(new CustomerValue("nobody", day(60), null, 0, 0, 0, "none", 0, 0, null, 0));
    }

    @Test
    void whoListsRankTheCustomersNowInAStageByValueAndShowWhatEachIsWorth() throws Exception {
        new StoreHistory(store).purchases("p3", 36, 3, 230, "medium").purchases("p2", 50, 1, 225, "medium")
                .orders("p3", 2, 250, 230, 10).orders("p2", 1, 225, 225, 50);

        // p2 and p3 are now in conversion: p3 since day 10, p2 since day 50
        MemberPage byRevenue = reports.ranked("conversion", StageStore.Ranking.REVENUE, day(60), 1, 10);
        assertThat(byRevenue.customers()).extracting(Stay::customerId).containsExactly("p3", "p2");
        assertThat(byRevenue.total()).isEqualTo(2);
        assertThat(byRevenue.nextPage()).isNull();
        assertThat(byRevenue.values()).extracting(CustomerValue::lifetimeValue).containsExactly(690.0, 675.0);
        // by RFM as of day 60: p3 R1 F3 M3 (7) before p2 R3 F1 M1 (5); as of day 740 p3's last purchase is 704
        // days old and p2's 690: the same scores
        assertThat(reports.ranked("conversion", StageStore.Ranking.RFM, day(60), 1, 10).customers())
                .extracting(Stay::customerId).containsExactly("p3", "p2");
        assertThat(reports.ranked("conversion", StageStore.Ranking.RFM, day(740), 1, 10).values())
                .extracting(value -> "" + value.recency() + value.frequency() + value.monetary())
                .containsExactly("133", "311");
        assertThat(reports.ranked("conversion", StageStore.Ranking.TIME_IN_STAGE, day(60), 1, 1).customers())
                .containsExactly(new Stay("p3", "conversion", day(10), null));
        // by lifetime value, a page of one at a time: as of day 60 p3 (690) then p2 (675); as of day 400 p3's first
        // purchase is 390 days old (230 / 1.0678 years x 3 = 646.21) and p2's 350, under a year (225 x 3 = 675)
        MemberPage first = reports.ranked("conversion", StageStore.Ranking.LIFETIME_VALUE, day(60), 1, 1);
        MemberPage second = reports.ranked("conversion", StageStore.Ranking.LIFETIME_VALUE, day(60), 2, 1);
        assertThat(first.customers()).extracting(Stay::customerId).containsExactly("p3");
        assertThat(first.nextPage()).isEqualTo(2);
        assertThat(second.customers()).extracting(Stay::customerId).containsExactly("p2");
        assertThat(second.nextPage()).isNull();
        assertThat(reports.ranked("conversion", StageStore.Ranking.LIFETIME_VALUE, day(400), 1, 2).values())
                .extracting(CustomerValue::customerId, value -> Reports.cents(value.lifetimeValue()))
                .containsExactly(tuple("p2", 675.0), tuple("p3", 646.21));
        assertThat(ReportFormatTest.render(first)).endsWith("More: --page 2\n");
        // text shows the values: p3 in the stage 50 days, RFM 133, two orders, AOV 125, CLV 690
        assertThat(ReportFormatTest.render(byRevenue)).containsPattern(
                "\np3 +2026-01-11T00:00:00Z +- +50.0 +133 +medium +2 +230.00 +125.00 +690.00\n");
    }

    private static Map<String, Double> values(List<Kpi> scorecard) {
        Map<String, Double> values = new java.util.HashMap<>();
        scorecard.forEach(kpi -> values.put(kpi.name(), kpi.value()));
        return values;
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
