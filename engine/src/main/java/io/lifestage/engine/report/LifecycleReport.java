package io.lifestage.engine.report;

import java.time.Instant;
import java.util.List;

/**
 * Every lifecycle KPI of a period, as {@link Reports#report} computes it and {@link ReportFormat} renders it.
 *
 * @param from        the start of the period
 * @param to          its end
 * @param stages      the stages in funnel order, with their roles
 * @param snapshots   customers per stage at each snapshot instant, oldest first
 * @param transitions the transition matrix from {@code from} to {@code to}
 * @param moves       moves into and out of each stage within the period
 * @param rates       funnel conversion, retention and churn over the period
 * @param scorecard   each stage's own measures over the period, stage by stage in funnel order (see {@link Kpi})
 * @param durations   time spent in each stage
 * @param profiles    RFM scores and value tiers per current stage
 * @param periods     the scorecard of each period of a period-over-period table, oldest first; empty unless asked
 *                    for
 * @param uplift      each action that names an outcome, treated against held-out customers, in the pack's order
 */
public record LifecycleReport(Instant from, Instant to, ReportStages stages, List<StageCounts> snapshots,
                              TransitionMatrix transitions, List<StageFlow> moves, StageRates rates,
                              List<Kpi> scorecard, List<StageDuration> durations, List<StageProfile> profiles,
                              List<PeriodRates> periods, List<ActionUplift> uplift) {

    public LifecycleReport {
        snapshots = List.copyOf(snapshots);
        moves = List.copyOf(moves);
        scorecard = List.copyOf(scorecard);
        durations = List.copyOf(durations);
        profiles = List.copyOf(profiles);
        periods = List.copyOf(periods);
        uplift = List.copyOf(uplift);
    }
}
