package io.lifestage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Transition;
import io.lifestage.testing.StoreUnderTest;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Twelve monthly replays of the sample data with the default pack build a history that accounts for itself: every
 * move starts where the last one ended, the stage counts of each month follow from the moves, and the history is the
 * same as that of one run over the whole year. Subclasses run it on other databases.
 */
class HistoryReplayTest implements StoreUnderTest {

    private static final ZonedDateTime FIRST = ZonedDateTime.of(2025, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void monthlyReplaysReconcileMonthToMonthAndMatchOneRunOverTheYear() throws SQLException {
        List<Instant> months = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            months.add(FIRST.plusMonths(m).toInstant());
        }
        Map<Instant, Map<String, Long>> countsAfterEachRun = new LinkedHashMap<>();
        List<Transition> replayed;
        try (SampleReplay replay = new SampleReplay(emptyStore())) {
            for (Instant month : months) {
                replay.runAsOf(month);
                countsAfterEachRun.put(month, replay.store().stageCounts());
            }
            replayed = replay.transitions();
        }

        assertThat(replayed).hasSizeGreaterThan(2_000);
        assertEveryMoveStartsWhereTheLastEnded(replayed);
        Instant previous = null;
        for (Instant month : months) {
            Map<String, Long> fromHistory = stagesAt(replayed, month);
            assertThat(fromHistory).as("counts at %s derived from the transitions", month)
                    .isEqualTo(countsAfterEachRun.get(month));
            if (previous != null) {
                assertThat(fromHistory).as("counts at %s = counts a month before + entries - exits", month)
                        .isEqualTo(rolledForward(stagesAt(replayed, previous), replayed, previous, month));
            }
            previous = month;
        }

        try (SampleReplay once = new SampleReplay(emptyStore())) {
            once.runAsOf(months.get(months.size() - 1));
            List<Transition> single = once.transitions();
            assertThat(single.stream().map(Transition::id).sorted().toList())
                    .as("one run over the year records the same moves as twelve monthly runs")
                    .isEqualTo(replayed.stream().map(Transition::id).sorted().toList());
        }
    }

    private static void assertEveryMoveStartsWhereTheLastEnded(List<Transition> transitions) {
        Map<String, String> current = new HashMap<>();
        for (Transition t : transitions) {
            assertThat(t.from()).as("from of %s", t).isEqualTo(current.get(t.customerId()));
            if (t.applied()) {
                current.put(t.customerId(), t.to());
            }
        }
    }

    /** Customers per stage at an instant: each customer's last applied move up to then. */
    private static Map<String, Long> stagesAt(List<Transition> transitions, Instant at) {
        Map<String, String> stage = new HashMap<>();
        transitions.stream().filter(t -> t.applied() && !t.at().isAfter(at))
                .forEach(t -> stage.put(t.customerId(), t.to()));
        Map<String, Long> counts = new TreeMap<>();
        stage.values().forEach(s -> counts.merge(s, 1L, Long::sum));
        return counts;
    }

    private static Map<String, Long> rolledForward(Map<String, Long> start, List<Transition> transitions,
                                                   Instant from, Instant to) {
        Map<String, Long> counts = new TreeMap<>(start);
        transitions.stream().filter(t -> t.applied() && t.at().isAfter(from) && !t.at().isAfter(to)).forEach(t -> {
            if (t.from() != null) {
                counts.merge(t.from(), -1L, Long::sum);
            }
            counts.merge(t.to(), 1L, Long::sum);
        });
        counts.values().removeIf(count -> count == 0);
        return counts;
    }
}
