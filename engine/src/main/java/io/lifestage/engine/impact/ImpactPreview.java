package io.lifestage.engine.impact;

import io.lifestage.api.Decision;
import io.lifestage.api.Fact;
import io.lifestage.engine.classify.Classifier;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.profile.MetricsCalculator;
import io.lifestage.engine.profile.MetricsRun;
import io.lifestage.api.rules.CustomerMetrics;
import java.time.Instant;
import java.util.Iterator;

/**
 * Compares two rule bases on the same customers: the facts are aggregated once, and each customer's metrics are
 * classified by both, so the only difference between the two decisions is the rules.
 */
public final class ImpactPreview {

    private final MetricsCalculator metrics;

    /** A preview computing metrics with this calculator (the engine's configuration). */
    public ImpactPreview(MetricsCalculator metrics) {
        this.metrics = metrics;
    }

    /** The moves between the baseline's and the candidate's stages, with up to {@code examples} per changed cell. */
    public StageMoves compare(RuleBase baseline, RuleBase candidate, Iterator<? extends Fact> facts, Instant asOf,
                              int examples) {
        MetricsRun run = metrics.newRun(asOf);
        facts.forEachRemaining(run::add);
        int customers = run.finish();
        StageMoves moves = new StageMoves(baseline.stageModel().names(), candidate.stageModel().names(), examples);
        try (Classifier before = baseline.newClassifier(); Classifier after = candidate.newClassifier()) {
            for (int i = 0; i < customers; i++) {
                CustomerMetrics customer = run.takeMetrics(i);
                Decision was = before.classify(customer);
                moves.add(was, after.classify(customer));
            }
        }
        return moves;
    }
}
