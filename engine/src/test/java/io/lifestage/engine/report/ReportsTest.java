package io.lifestage.engine.report;

import static io.lifestage.engine.report.StoreHistory.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import java.time.Instant;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every KPI on a small hand-made history of six customers, with the numbers worked out by hand. The period runs from
 * day 20 to day 60; the moves (day: from → to):
 * <pre>
 * c1: 0 → awareness, 10 → consideration, 20 → conversion, 50 → retention
 * c2: 0 → awareness, 30 → conversion, 60 → churn
 * c3: 5 → awareness, 15 → consideration, 40 → awareness (a regression)
 * c4: 35 → conversion, 45 → loyalty refused (stays in conversion)
 * c5: 0 → retention, 15 → churn, 55 → retention (reactivated)
 * c6: 0 → retention, 50 → churn
 * </pre>
 * Orders: c1 130 on days 20 and 45, 10 of it refunded on day 50; c5 40.5 on day -400.
 */
class ReportsTest {

    private StageStore store;
    private Reports reports;

    @BeforeEach
    void fill() throws Exception {
        store = TestStores.open("jdbc:h2:mem:report-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new StoreHistory(store)
                .move("c1", null, "awareness", 0).move("c1", "awareness", "consideration", 10)
                .move("c1", "consideration", "conversion", 20).move("c1", "conversion", "retention", 50)
                .move("c2", null, "awareness", 0).move("c2", "awareness", "conversion", 30)
                .move("c2", "conversion", "churn", 60)
                .move("c3", null, "awareness", 5).move("c3", "awareness", "consideration", 15)
                .move("c3", "consideration", "awareness", 40)
                .move("c4", null, "conversion", 35).refused("c4", "conversion", "loyalty", 45)
                .move("c5", null, "retention", 0).move("c5", "retention", "churn", 15)
                .move("c5", "churn", "retention", 55)
                .move("c6", null, "retention", 0).move("c6", "retention", "churn", 50)
                .event("c1", "Order Completed", 20, 0, "total", 130)
                .event("c1", "Order Completed", 45, 0, "total", 130).event("c1", "Order Refunded", 50, 0, "total", 10)
                .event("c5", "Order Completed", -400, 0, "total", 40.5)
                .save(60, 20);
        reports = new Reports(store, StoreHistory.DEFAULT_STAGES);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void countsEachCustomerInTheStageOfTheirLastMoveNotRefused() {
        assertThat(reports.countsAt(day(20)).counts()).containsExactly(Map.entry("awareness", 1L),
                Map.entry("consideration", 1L), Map.entry("conversion", 1L), Map.entry("retention", 1L),
                Map.entry("loyalty", 0L), Map.entry("churn", 1L)); // c6 in retention, c5 in churn
        StageCounts end = reports.countsAt(day(60));
        assertThat(end.total()).isEqualTo(6);
        assertThat(end.counts()).containsExactly(Map.entry("awareness", 1L), Map.entry("consideration", 0L),
                Map.entry("conversion", 1L), Map.entry("retention", 2L), Map.entry("loyalty", 0L),
                Map.entry("churn", 2L));
        assertThat(reports.countsAt(day(-1)).total()).isZero();
    }

    @Test
    void theMatrixFollowsEachCustomerFromTheStartToTheEndWithRegressionsChurnAndReturns() {
        TransitionMatrix matrix = reports.transitions(day(20), day(60));

        assertThat(matrix.cells()).containsExactly(
                new TransitionMatrix.Cell("awareness", "churn", 1, 1.0),
                new TransitionMatrix.Cell("consideration", "awareness", 1, 1.0),
                new TransitionMatrix.Cell("conversion", "retention", 1, 1.0),
                new TransitionMatrix.Cell("retention", "churn", 1, 1.0),
                new TransitionMatrix.Cell("churn", "retention", 1, 1.0),
                new TransitionMatrix.Cell(null, "conversion", 1, 1.0));
        assertThat(matrix.regressions()).isEqualTo(1);
        assertThat(matrix.churned()).isEqualTo(2);
        assertThat(matrix.reactivated()).isEqualTo(1);
    }

    @Test
    void rowRatesAreSharesOfTheCustomersWhoStartedInTheStage() {
        TransitionMatrix matrix = reports.transitions(day(0), day(60));

        // at day 0: c1, c2 in awareness, c5, c6 in retention; at day 60: retention, churn, retention, churn
        assertThat(matrix.cells()).containsExactly(new TransitionMatrix.Cell("awareness", "retention", 1, 0.5),
                new TransitionMatrix.Cell("awareness", "churn", 1, 0.5),
                new TransitionMatrix.Cell("retention", "retention", 1, 0.5),
                new TransitionMatrix.Cell("retention", "churn", 1, 0.5),
                new TransitionMatrix.Cell(null, "awareness", 1, 0.5),
                new TransitionMatrix.Cell(null, "conversion", 1, 0.5));
    }

    @Test
    void movesCountEntriesAndExitsAfterTheStartUpToTheEnd() {
        assertThat(reports.moves(day(20), day(60))).containsExactly(new StageFlow("awareness", 1, 1),
                new StageFlow("consideration", 0, 1), new StageFlow("conversion", 2, 2),
                new StageFlow("retention", 2, 1), new StageFlow("loyalty", 0, 0), new StageFlow("churn", 2, 1));
    }

    @Test
    void theFunnelCountsTheFurthestStageEachCustomerHeldInThePeriod() {
        StageRates rates = reports.rates(reports.transitions(day(20), day(60)));

        assertThat(rates.funnel()).containsExactly(
                new StageRates.FunnelStep("awareness", 6, 1.0, 1.0),
                new StageRates.FunnelStep("consideration", 6, 1.0, 1.0),
                new StageRates.FunnelStep("conversion", 5, 0.8333, 0.8333),
                new StageRates.FunnelStep("retention", 3, 0.6, 0.5),
                new StageRates.FunnelStep("loyalty", 0, 0.0, 0.0));
    }

    @Test
    void retentionAndChurnAreSharesOfTheCustomersAtTheStart() {
        StageRates rates = reports.rates(reports.transitions(day(20), day(60)));

        // c1 (conversion) and c6 (retention) were customers at day 20: c1 still is, c6 churned
        assertThat(rates.customersAtStart()).isEqualTo(2);
        assertThat(rates.retained()).isEqualTo(1);
        assertThat(rates.churned()).isEqualTo(1);
        assertThat(rates.retentionRate()).isEqualTo(0.5);
        assertThat(rates.churnRate()).isEqualTo(0.5);
    }

    @Test
    void leadConversionFollowsTheCustomersInTheLeadStageDuringThePeriodNotTheOldCustomers() {
        // c3 was in consideration at day 20 and went back to awareness; c1 left it on day 20 itself, before the
        // period (which starts after day 20); c2 and c4 became customers without being leads; c5, c6 were customers
        StageRates.LeadConversion leads = reports.rates(reports.transitions(day(20), day(60))).leadConversion();

        assertThat(leads).isEqualTo(new StageRates.LeadConversion("consideration", 1, 0, 0.0, null));
    }

    @Test
    void leadConversionCountsEachLeadOnceWithTheMedianTimeItTookThem() throws Exception {
        // period day 20 to 60: d1 enters consideration in it and converts 10 days later; d2 is in it at the start
        // and converts after 50 days; d3 falls back; d4 is still a lead at the end; d5 converted before the period;
        // d6 skips consideration; d7 converts after the period; d8 converts, falls back and converts again
        try (StageStore own = TestStores.open("jdbc:h2:mem:leads-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
            new StoreHistory(own)
                    .move("d1", null, "awareness", 0).move("d1", "awareness", "consideration", 25)
                    .move("d1", "consideration", "conversion", 35)
                    .move("d2", null, "consideration", 0).move("d2", "consideration", "conversion", 50)
                    .move("d3", null, "consideration", 10).move("d3", "consideration", "awareness", 30)
                    .move("d4", null, "consideration", 30)
                    .move("d5", null, "consideration", 0).move("d5", "consideration", "conversion", 10)
                    .move("d6", null, "awareness", 0).move("d6", "awareness", "conversion", 40)
                    .move("d7", null, "consideration", 0).move("d7", "consideration", "conversion", 70)
                    .move("d8", null, "consideration", 21).move("d8", "consideration", "retention", 22)
                    .move("d8", "retention", "consideration", 30).move("d8", "consideration", "conversion", 40)
                    .save(70, 20);
            Reports own6 = new Reports(own, StoreHistory.DEFAULT_STAGES);

            // leads d1, d2, d3, d4, d7, d8; converted d1 (10 days), d2 (50), d8 (its first conversion: 1 day)
            assertThat(own6.rates(own6.transitions(day(20), day(60))).leadConversion())
                    .isEqualTo(new StageRates.LeadConversion("consideration", 6, 3, 0.5, 10.0));
        }
    }

    @Test
    void byDefaultAReportCoversTheWholeHistoryFromTheMonthBeforeItsEarliestMove() {
        // the earliest move is at 2026-01-01T00:00Z, the first instant of January: the history starts in December
        assertThat(reports.historyStart()).isEqualTo(Instant.parse("2025-12-01T00:00:00Z"));

        // from there, every customer is new: the matrix has no diagonal of customers who merely stayed
        assertThat(reports.transitions(reports.historyStart(), day(60)).cells())
                .allSatisfy(cell -> assertThat(cell.from()).isNull());
    }

    @Test
    void aLaterRunThatRecordsAnEarlierMoveMovesTheHistoryStartBack() {
        // a customer first seen now whose history, walked through, began in 2025 (day -40 is 2025-11-22)
        new StoreHistory(store).move("e1", null, "awareness", -40).save(80);

        assertThat(reports.historyStart()).isEqualTo(Instant.parse("2025-11-01T00:00:00Z"));
    }

    @Test
    void periodOverPeriodGivesEachCalendarMonthsRatesAndTheirChangeFromTheMonthBefore() {
        // day 31 is 1 February, day 59 is 1 March; the report ends on day 60, so March is cut to its first day
        List<PeriodRates> months = reports.report(day(0), day(60), List.of(), Period.ofMonths(1)).periods();

        assertThat(months).extracting(PeriodRates::from, PeriodRates::to).containsExactly(
                tuple(day(0), day(31)), tuple(day(31), day(59)), tuple(day(59), day(60)));
        // customers at day 0: c5, c6; at day 31 c5 churned; leads c1 (converts on day 20) and c3
        assertThat(rates(months.get(0))).containsExactly(rate("lead_cohort", 2.0, null),
                rate("lead_conversion_rate", 0.5, null), rate("customers_at_start", 2.0, null),
                rate("retention_rate", 0.5, null), rate("churn_rate", 0.5, null));
        // customers at day 31: c1, c2, c6; at day 59 c6 churned; lead c3 fell back to awareness
        assertThat(rates(months.get(1))).containsExactly(rate("lead_cohort", 1.0, -1.0),
                rate("lead_conversion_rate", 0.0, -50.0), rate("customers_at_start", 3.0, 1.0),
                rate("retention_rate", 0.6667, 16.67), rate("churn_rate", 0.3333, -16.67));
        // customers at day 59: c1, c2, c4, c5; c2 churned on day 60; no lead, so no lead conversion rate
        assertThat(rates(months.get(2))).containsExactly(rate("lead_cohort", 0.0, -1.0),
                rate("lead_conversion_rate", null, null), rate("customers_at_start", 4.0, 1.0),
                rate("retention_rate", 0.75, 8.33), rate("churn_rate", 0.25, -8.33));
    }

    private static List<org.assertj.core.groups.Tuple> rates(PeriodRates period) {
        return period.kpis().stream().filter(kpi -> List.of("customers_at_start", "retention_rate", "churn_rate",
                "lead_cohort", "lead_conversion_rate").contains(kpi.name()))
                .map(kpi -> tuple(kpi.name(), kpi.value(), kpi.change())).toList();
    }

    private static org.assertj.core.groups.Tuple rate(String name, Double value, Double change) {
        return tuple(name, value, change);
    }

    @Test
    void aModelWithoutChurnCountsNoNewCustomerAsReactivated() {
        Reports noChurn = new Reports(store, new ReportStages(
                List.of("awareness", "consideration", "conversion", "retention", "loyalty", "churn"),
                "conversion", null));

        assertThat(noChurn.transitions(day(20), day(60)).reactivated()).isZero();
    }

    @Test
    void medianTimeInStageCoversTheStaysThatEndedInThePeriod() {
        assertThat(reports.durations(day(20), day(60))).containsExactly(
                new StageDuration("awareness", 1, 30.0, 1),
                new StageDuration("consideration", 1, 25.0, 0),
                new StageDuration("conversion", 2, 30.0, 1),
                new StageDuration("retention", 1, 50.0, 2),
                new StageDuration("loyalty", 0, null, 0),
                new StageDuration("churn", 1, 40.0, 2));
    }

    @Test
    void profilesCountRfmScoresAndTiersOfTheCustomersInEachStageAsOfTheInstant() {
        StageProfile retention = reports.profiles(day(60)).get(3);

        // the buyers as of day 60: c1 (last purchase 15 days before, 2 purchases, 260 less 10 refunded) and c5 (460
        // days, 1, 40.5); of two buyers, the better scores 1 + 5 x 1 / 2 = 3 on each, the other 1
        assertThat(retention.stage()).isEqualTo("retention");
        assertThat(retention.customers()).isEqualTo(2);
        assertThat(retention.recency()).containsExactly(0L, 1L, 0L, 1L, 0L, 0L);
        assertThat(retention.frequency()).containsExactly(0L, 1L, 0L, 1L, 0L, 0L);
        assertThat(retention.monetary()).containsExactly(0L, 1L, 0L, 1L, 0L, 0L);
        assertThat(retention.tiers()).containsExactly(Map.entry("small", 1L), Map.entry("medium", 1L),
                Map.entry("large", 0L), Map.entry("none", 0L));
        assertThat(reports.profiles(day(60)).get(5).tiers()).containsEntry("none", 2L);
        // RFM segments, the mean of the three scores rounded: c1 (3 + 3 + 3) / 3 = 3, c5 1
        assertThat(retention.segments().get(3)).containsExactly(Map.entry("small", 0L), Map.entry("medium", 1L),
                Map.entry("large", 0L), Map.entry("none", 0L));
        assertThat(retention.segments().get(1)).containsEntry("small", 1L);
        assertThat(retention.segments().stream().mapToLong(row -> row.values().stream().mapToLong(Long::longValue)
                .sum()).sum()).isEqualTo(2);
        assertThat(retention.revenue()).containsExactly(Map.entry("small", 40.5), Map.entry("medium", 250.0),
                Map.entry("large", 0.0), Map.entry("none", 0.0));
        // lifetime values at day 60 over the default 3 years: c1 first bought 40 days before, under a year: 250 x 3;
        // c5 460 days before (1.2594 years): 40.5 / (460 / 365.25) x 3 = 96.47
        assertThat(retention.lifetimeValue()).containsExactly(Map.entry("small", 96.47), Map.entry("medium", 750.0),
                Map.entry("large", 0.0), Map.entry("none", 0.0));
        // as of day 30 c1 had bought once (10 days before, 130): c5, in churn, scores R1 F1 (as many purchases as
        // c1) M1; c1, in conversion with c2 (no purchase: segment 0), R3 F1 M3 -> segment 2, medium
        List<StageProfile> day30 = reports.profiles(day(30));
        assertThat(day30.get(5).recency()).containsExactly(0L, 1L, 0L, 0L, 0L, 0L);
        assertThat(day30.get(2).segments().get(2)).containsEntry("medium", 1L);
        assertThat(day30.get(2).segments().get(0)).containsEntry("none", 1L);
    }

    @Test
    void membersArePagedByCustomerIdWithWhenTheyEnteredAndLeft() {
        MemberPage first = reports.members("retention", day(60), null, 1);
        MemberPage second = reports.members("retention", day(60), first.nextAfter(), 1);

        assertThat(first.total()).isEqualTo(2);
        assertThat(first.customers()).containsExactly(new Stay("c1", "retention", day(50), null));
        assertThat(first.nextAfter()).isEqualTo("c1");
        assertThat(second.customers()).containsExactly(new Stay("c5", "retention", day(55), null));
        assertThat(second.nextAfter()).isNull();
        assertThat(reports.members("awareness", day(20), "", 10).customers())
                .containsExactly(new Stay("c2", "awareness", day(0), day(30)));
    }

    @Test
    void aReportHoldsEveryKpiWithOneSnapshotPerInstant() {
        LifecycleReport report = reports.report(day(20), day(60), List.of(day(60), day(20)));

        assertThat(report.snapshots()).extracting(StageCounts::at).containsExactly(day(20), day(60));
        assertThat(report.transitions()).isEqualTo(reports.transitions(day(20), day(60)));
        assertThat(report.rates().customersAtStart()).isEqualTo(2);
        assertThat(reports.runInstants()).containsExactly(day(20), day(60));
    }

    @Test
    void stagesFoundInTheStoreButNotDeclaredComeLast() {
        Reports declaredTwo = new Reports(store, new ReportStages(List.of("retention", "awareness"), null, null));

        // loyalty comes from c4's refused move: still a stage of the history
        assertThat(declaredTwo.stages().order()).containsExactly("retention", "awareness", "churn", "consideration",
                "conversion", "loyalty");
    }

    @Test
    void refusesAnEmptyStoreAPeriodBackwardsAndAnUnknownStage() {
        try (StageStore empty = TestStores.open("jdbc:h2:mem:empty-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
            assertThatThrownBy(() -> new Reports(empty, reports.stages()).runInstants())
                    .isInstanceOf(ReportException.class).hasMessageStartingWith("LS-REPORT-0001 the stage store")
                    .hasMessageContaining("holds no runs yet");
        }
        assertThatThrownBy(() -> reports.transitions(day(60), day(20)))
                .hasMessageStartingWith("LS-REPORT-0004 the period starts at 2026-03-02T00:00:00Z, after its end");
        assertThatThrownBy(() -> reports.members("lost", day(60), null, 10))
                .hasMessage("LS-REPORT-0002 stage 'lost' is not one of " + Arrays.asList("awareness",
                        "consideration", "conversion", "retention", "loyalty", "churn"));
    }
}
