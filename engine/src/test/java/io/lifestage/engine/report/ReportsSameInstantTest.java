package io.lifestage.engine.report;

import static io.lifestage.engine.report.StoreHistory.day;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two moves of one customer at the same instant: ordered by transition id, as the store's history orders them, the
 * later one decides the stage and the earlier one is a stay of no length. The moves (day: from → to):
 * <pre>
 * c1: 0 → awareness, 10 → consideration, 10 → conversion (transition ids c1-0, c1-1, c1-2)
 * </pre>
 */
class ReportsSameInstantTest {

    private StageStore store;
    private Reports reports;

    @BeforeEach
    void fill() {
        store = TestStores.open("jdbc:h2:mem:report-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new StoreHistory(store)
                .move("c1", null, "awareness", 0).move("c1", "awareness", "consideration", 10)
                .move("c1", "consideration", "conversion", 10)
                .save(20, 5);
        reports = new Reports(store, new ReportStages(List.of("awareness", "consideration", "conversion"),
                "conversion", null));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theMoveWithTheGreaterTransitionIdDecidesTheStageAtThatInstant() {
        assertThat(reports.countsAt(day(10)).counts()).containsExactly(Map.entry("awareness", 0L),
                Map.entry("consideration", 0L), Map.entry("conversion", 1L));
        assertThat(reports.report(day(5), day(20), List.of(day(10))).snapshots().get(0))
                .isEqualTo(reports.countsAt(day(10)));
        assertThat(reports.transitions(day(5), day(20)).count("awareness", "conversion")).isEqualTo(1);
    }

    @Test
    void theEarlierMoveIsAStayOfNoLengthThatStillCounts() {
        List<StageDuration> durations = reports.durations(day(5), day(20));
        assertThat(durations.get(0)).isEqualTo(new StageDuration("awareness", 1, 10.0, 0));
        assertThat(durations.get(1)).isEqualTo(new StageDuration("consideration", 1, 0.0, 0));
        assertThat(reports.moves(day(5), day(20))).containsExactly(new StageFlow("awareness", 0, 1),
                new StageFlow("consideration", 1, 1), new StageFlow("conversion", 1, 0));
        assertThat(reports.rates(reports.transitions(day(5), day(20))).funnel().get(2).reached()).isEqualTo(1);
    }
}
