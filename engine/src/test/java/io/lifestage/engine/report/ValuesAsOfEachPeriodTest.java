package io.lifestage.engine.report;

import static io.lifestage.engine.report.StoreHistory.day;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.MetricsSettings;
import io.lifestage.engine.config.ReportSettings;
import io.lifestage.engine.metrics.TierPolicy;
import io.lifestage.engine.run.StageRun;
import io.lifestage.engine.store.StageStore;
import io.lifestage.testing.StoreUnderTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The value views (RFM scores, value tiers, revenue and lifetime value per stage) of each period are those as of the
 * period's end, computed from the facts, whatever runs happened when. A year from 2026-01-01 (day 0) in quarters,
 * ending on days 90, 181, 273 and 365; every event at noon, so each recency below is half a day more than the whole
 * days counted, the same for everyone; orders (amount on the day):
 * <pre>
 * ann: 100 on day 5, 50 on day 20, then nothing: churned (180 days without activity) from day 200
 * bob: 300 on days 10, 100, 190 and 280: loyal (3 orders in a year) from day 190
 * cat: 20 on days 70 and 250
 * eve: 1500 on day 150, a page view on day 300
 * gus: 10 on days 0 and 300, page views on days 100 and 200
 * dan: page views only, on days 1, 100, 200 and 300: never a buyer
 * </pre>
 * A score is 1 + the quintile of the share of buyers with a worse value (an older last purchase, fewer purchases, less
 * revenue) than the customer's: with five buyers, 1 + the number of them.
 */
class ValuesAsOfEachPeriodTest implements StoreUnderTest {

    private static final Path DEFAULT_PACK = Path.of("..", "rules", "pack");
    private static final List<Fact> HISTORY = List.of(
            order("ann", 5, 100), order("ann", 20, 50),
            order("bob", 10, 300), order("bob", 100, 300), order("bob", 190, 300), order("bob", 280, 300),
            order("cat", 70, 20), order("cat", 250, 20),
            order("eve", 150, 1500), view("eve", 300),
            order("gus", 0, 10), view("gus", 100), view("gus", 200), order("gus", 300, 10),
            view("dan", 1), view("dan", 100), view("dan", 200), view("dan", 300));

    @Test
    void aChurnedCustomersRecencyKeepsGrowingAcrossQuarters() {
        LifecycleReport report = afterRunsOn(List.of(365)).report();
        List<PeriodRates> quarters = report.periods();
        assertThat(quarters).extracting(PeriodRates::to).containsExactly(day(90), day(181), day(273), day(365));

        // day 90, buyers ann (70 days since her last purchase, 2 purchases, 150), bob (80, 1, 300), cat (20, 1, 20),
        // gus (90, 1, 10): ann R3 (bob and gus older) F4 M3 -> segment 3, medium; bob R2 F1 M4 -> 2, medium; gus
        // R1 F1 M1 -> 1, small; all three in retention; cat R4 F1 M2 -> 2, small, in conversion; dan in awareness
        StageProfile retention = profile(quarters.get(0), "retention");
        assertThat(retention.customers()).isEqualTo(3);
        assertThat(retention.recency()).containsExactly(0L, 1L, 1L, 1L, 0L, 0L);
        assertThat(retention.frequency()).containsExactly(0L, 2L, 0L, 0L, 1L, 0L);
        assertThat(retention.monetary()).containsExactly(0L, 1L, 0L, 1L, 1L, 0L);
        assertThat(retention.segments().get(3)).containsEntry("medium", 1L);
        assertThat(retention.segments().get(2)).containsEntry("medium", 1L);
        assertThat(retention.segments().get(1)).containsEntry("small", 1L);
        assertThat(retention.tiers()).containsExactly(Map.entry("small", 1L), Map.entry("medium", 2L),
                Map.entry("large", 0L), Map.entry("none", 0L));
        assertThat(profile(quarters.get(0), "conversion").recency()).containsExactly(0L, 0L, 0L, 0L, 1L, 0L);
        assertThat(profile(quarters.get(0), "awareness").segments().get(0)).containsEntry("none", 1L);

        // day 273, five buyers: ann (253 days), bob (83, 3, 900), cat (23, 2, 40), eve (123, 1, 1500), gus (273, 1,
        // 10); ann, churned, is R2 (gus older), F3 (eve and gus fewer), M3 (cat and gus less) -> segment 3
        StageProfile churnedQ3 = profile(quarters.get(2), "churn");
        assertThat(churnedQ3.customers()).isEqualTo(1);
        assertThat(churnedQ3.recency()).containsExactly(0L, 0L, 1L, 0L, 0L, 0L);
        assertThat(churnedQ3.frequency()).containsExactly(0L, 0L, 0L, 1L, 0L, 0L);
        assertThat(churnedQ3.segments().get(3)).containsEntry("medium", 1L);
        // day 365: gus bought again on day 300, so ann's 345 days are the oldest: R1; bob's fourth order leaves her
        // F2 (only eve has fewer); M3 still -> segment (1 + 2 + 3) / 3 = 2
        StageProfile churnedQ4 = profile(quarters.get(3), "churn");
        assertThat(churnedQ4.recency()).containsExactly(0L, 1L, 0L, 0L, 0L, 0L);
        assertThat(churnedQ4.frequency()).containsExactly(0L, 0L, 1L, 0L, 0L, 0L);
        assertThat(churnedQ4.monetary()).containsExactly(0L, 0L, 0L, 1L, 0L, 0L);
        assertThat(churnedQ4.segments().get(2)).containsEntry("medium", 1L);
        // her orders' revenue, 150, and lifetime value: first purchase under a year before, 150 x 3 years
        assertThat(churnedQ4.revenue()).containsEntry("medium", 150.0);
        assertThat(churnedQ4.lifetimeValue()).containsEntry("medium", 450.0);
        // the report's own value views are those as of its end
        assertThat(report.profiles()).isEqualTo(quarters.get(3).profiles());
        assertThat(profile(quarters.get(3), "loyalty").tiers()).containsEntry("large", 1L); // bob, 1200
    }

    @Test
    void textAndCsvShowTheValueViewsAtTheEndOfEachPeriod() throws Exception {
        LifecycleReport report = afterRunsOn(List.of(365)).report();

        // ann's row in churn: no churned customer at the end of the first two quarters, then segment 3, then 2
        assertThat(ReportFormatTest.render(ReportFormat.TEXT, report)).containsPattern("\nchurn +RFM 3 +0/0/0/0"
                        + " +0/0/0/0 +0/1/0/0 +0/0/0/0\n")
                .containsPattern("\nchurn +RFM 2 +0/0/0/0 +0/0/0/0 +0/0/0/0 +0/1/0/0\n")
                .containsPattern("\nchurn +medium +0: 0.00, 0.00 +0: 0.00, 0.00 +1: 150.00, 450.00 +1: 150.00,"
                        + " 450.00\n");
        assertThat(ReportFormatTest.render(ReportFormat.CSV, report))
                .contains("\nperiod_profile,2026-07-01T00:00:00Z,2026-10-01T00:00:00Z,churn,,recency_2,1\n")
                .contains("\nperiod_profile,2026-10-01T00:00:00Z,2027-01-01T00:00:00Z,churn,,recency_1,1\n")
                .contains("\nprofile,,2027-01-01T00:00:00Z,churn,,recency_1,1\n");
    }

    @Test
    void oneRunAndMonthlyOrQuarterlyRunsGiveTheSameValueViews() {
        List<Integer> monthly = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            monthly.add((int) Duration.between(day(0), day(0).atZone(ZoneOffset.UTC).plusMonths(month)
                    .toInstant()).toDays());
        }
        List<List<StageProfile>> once = valueViews(afterRunsOn(List.of(365)).report());
        List<List<StageProfile>> quarterly = valueViews(afterRunsOn(List.of(90, 181, 273, 365)).report());
        List<List<StageProfile>> everyMonth = valueViews(afterRunsOn(monthly).report());

        assertThat(quarterly).isEqualTo(once);
        assertThat(everyMonth).isEqualTo(once);
    }

    /** The value views of the report and of each quarter. */
    private static List<List<StageProfile>> valueViews(LifecycleReport report) {
        List<List<StageProfile>> views = new ArrayList<>(List.of(report.profiles()));
        report.periods().forEach(period -> views.add(period.profiles()));
        return views;
    }

    @Test
    void aCustomersValueAndWhoListsScoreAsOfTheInstantAskedWhateverTheRuns() {
        // the last run to evaluate ann after quarterly runs is that of day 273, which scored her R2 F3 M3 as above;
        // as of day 365 she is R1 F2 M3, as the report's value views say
        Answers quarterly = afterRunsOn(List.of(90, 181, 273, 365));
        Answers once = afterRunsOn(List.of(365));

        assertThat(quarterly.ann()).isEqualTo(once.ann());
        assertThat(List.of(once.ann().recency(), once.ann().frequency(), once.ann().monetary()))
                .containsExactly(1, 2, 3);
        // retention at day 365: cat R3 F2 M2 (7), eve R2 F1 M5 (8), gus R5 F2 M1 (8): eve and gus tie, by id
        assertThat(quarterly.retentionByRfm().customers()).extracting(Stay::customerId)
                .containsExactly("eve", "gus", "cat");
        assertThat(quarterly.retentionByRfm().values()).isEqualTo(once.retentionByRfm().values());
    }

    /** What the tests ask of a store: its report, ann's value as of day 365 and its retention by RFM then. */
    private record Answers(LifecycleReport report, CustomerValue ann, MemberPage retentionByRfm) {
    }

    /**
     * The store after a run as of each of these days, each given the facts up to it: its report of the year by
     * quarter, and its value views as of day 365.
     */
    private Answers afterRunsOn(List<Integer> runDays) {
        Map<String, String> settings = new HashMap<>(emptyStore());
        settings.put("lifestage.rules.dir", DEFAULT_PACK.toString());
        try (LifestageContainer engine = LifestageContainer.start(settings, null);
             StageStore store = engine.openStore()) {
            StageRun run = engine.stageRun(store, Clock.systemUTC());
            int position = 0;
            for (int runDay : runDays) {
                Instant asOf = day(runDay);
                List<Fact> upTo = HISTORY.stream().filter(fact -> !((Event) fact).timestamp().isAfter(asOf))
                        .toList();
                store.ingest("history", upTo, Integer.toString(++position), Instant.EPOCH);
                run.evaluate(asOf, List.of(), new StageRun.IngestSummary(upTo.size(), upTo.size(), 0));
            }
            TierPolicy tiers = TierPolicy.of(engine.bean(MetricsSettings.class));
            Reports reports = new Reports(store, ReportStages.of(engine.ruleBase().stageModel()),
                    engine.bean(ReportSettings.class), tiers);
            return new Answers(reports.report(day(0), day(365), List.of(day(365)), Period.ofMonths(3)),
                    Reports.customerValue(store, store.rfmScales(Instant.EPOCH), tiers, "ann", day(365)),
                    reports.ranked("retention", StageStore.Ranking.RFM, day(365), 1, 10));
        }
    }

    private static StageProfile profile(PeriodRates period, String stage) {
        return period.profiles().stream().filter(p -> p.stage().equals(stage)).findFirst().orElseThrow();
    }

    private static Fact order(String customer, int day, double total) {
        return Event.track(customer, "Order Completed", noon(day), Map.of("total", total));
    }

    private static Fact view(String customer, int day) {
        return Event.track(customer, "Page Viewed", noon(day), Map.of());
    }

    private static Instant noon(int day) {
        return day(day).plus(Duration.ofHours(12));
    }
}
