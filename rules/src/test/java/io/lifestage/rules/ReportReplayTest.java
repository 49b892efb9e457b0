package io.lifestage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.engine.report.LifecycleReport;
import io.lifestage.engine.report.MemberPage;
import io.lifestage.engine.report.ReportStages;
import io.lifestage.engine.report.Reports;
import io.lifestage.engine.report.StageCounts;
import io.lifestage.engine.report.StageFlow;
import io.lifestage.engine.report.StageProfile;
import io.lifestage.engine.report.TransitionMatrix;
import io.lifestage.testing.StoreUnderTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The reports of the sample's twelve monthly runs (2025-12-01 to 2026-11-01) account for themselves: each snapshot
 * counts what the run of that month counted, each month's counts are the last month's plus the moves in minus the
 * moves out, and the transition matrix, funnel and profiles add up to the same customers. Subclasses run it on other
 * databases.
 */
class ReportReplayTest implements StoreUnderTest {

    static final ZonedDateTime FIRST = ZonedDateTime.of(2025, 12, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** What a replay reports: the whole report and the first page of loyal customers at its end. */
    record Answers(LifecycleReport report, MemberPage loyal) {
    }

    @Test
    void snapshotsEqualTheRunsAndRollForwardByTheMovesOfEachMonth() {
        replayAndReconcile(emptyStore());
    }

    /** Replays the sample month by month into a store, checks that the reports reconcile, and returns them. */
    static Answers replayAndReconcile(Map<String, String> store) {
        Map<Instant, Map<String, Long>> counted = new LinkedHashMap<>();
        try (SampleReplay replay = new SampleReplay(store)) {
            for (int m = 0; m < 12; m++) {
                Instant month = FIRST.plusMonths(m).toInstant();
                replay.runAsOf(month);
                counted.put(month, replay.store().stageCounts());
            }
            Reports reports = new Reports(replay.store(),
                    ReportStages.of(replay.engine().ruleBase().stageModel()));
            List<Instant> runs = reports.runInstants();
            assertThat(runs).containsExactlyElementsOf(counted.keySet());
            LifecycleReport report = reports.report(runs.get(0), runs.get(runs.size() - 1), runs);

            for (StageCounts snapshot : report.snapshots()) {
                assertThat(withoutZeros(snapshot.counts())).as("customers per stage at %s", snapshot.at())
                        .isEqualTo(withoutZeros(counted.get(snapshot.at())));
            }
            for (int i = 1; i < runs.size(); i++) {
                StageCounts before = report.snapshots().get(i - 1);
                StageCounts after = report.snapshots().get(i);
                for (StageFlow moves : reports.moves(before.at(), after.at())) {
                    assertThat(after.count(moves.stage())).as("%s at %s", moves.stage(), after.at())
                            .isEqualTo(before.count(moves.stage()) + moves.entered() - moves.exited());
                }
            }
            assertMatrixAddsUp(report);
            StageCounts end = report.snapshots().get(runs.size() - 1);
            assertThat(report.rates().funnel().get(0).reached()).isEqualTo(end.total());
            for (StageProfile profile : report.profiles()) {
                assertThat(profile.customers()).as("current %s", profile.stage()).isEqualTo(end.count(profile.stage()));
            }
            assertThat(report.transitions().cells()).isNotEmpty();
            assertThat(report.rates().customersAtStart()).isPositive();
            MemberPage loyal = reports.members("loyalty", end.at(), null, 50);
            assertThat(loyal.total()).isEqualTo(end.count("loyalty"));
            assertThat(loyal.customers()).hasSize(50)
                    .allSatisfy(stay -> assertThat(stay.entered()).isBeforeOrEqualTo(end.at()));
            return new Answers(report, loyal);
        }
    }

    /** Rows add up to the stages at the start (plus the new customers), columns to the stages at the end. */
    private static void assertMatrixAddsUp(LifecycleReport report) {
        StageCounts start = report.snapshots().get(0);
        StageCounts end = report.snapshots().get(report.snapshots().size() - 1);
        TransitionMatrix matrix = report.transitions();
        for (String stage : report.stages().order()) {
            assertThat(matrix.cells().stream().filter(c -> Objects.equals(c.from(), stage))
                    .mapToLong(TransitionMatrix.Cell::count).sum()).as("row %s", stage).isEqualTo(start.count(stage));
            assertThat(matrix.cells().stream().filter(c -> c.to().equals(stage))
                    .mapToLong(TransitionMatrix.Cell::count).sum()).as("column %s", stage).isEqualTo(end.count(stage));
        }
        assertThat(matrix.cells().stream().filter(c -> c.from() == null).mapToLong(TransitionMatrix.Cell::count)
                .sum()).isEqualTo(end.total() - start.total());
    }

    private static Map<String, Long> withoutZeros(Map<String, Long> counts) {
        Map<String, Long> kept = new LinkedHashMap<>(counts);
        kept.values().removeIf(count -> count == 0);
        return new java.util.TreeMap<>(kept);
    }
}
