package io.lifestage.engine.diff;

import io.lifestage.api.Decision;
import io.lifestage.api.Fact;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.engine.classify.Classifier;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.MetricsRun;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares two rule bases on the same customers: the facts are aggregated once, and each customer's metrics are
 * classified by both, so the only difference between the two decisions is the rules.
 */
public final class PackDiff {

    private final MetricsCalculator metrics;

    /** A diff computing metrics with this calculator (the engine's configuration). */
    public PackDiff(MetricsCalculator metrics) {
        this.metrics = metrics;
    }

    /** The moves between the baseline's and the candidate's stages, with up to {@code examples} per changed cell. */
    public MoveMatrix compare(RuleBase baseline, RuleBase candidate, Iterator<? extends Fact> facts, Instant asOf,
                              int examples) {
        return compare(baseline, candidate, Map.of(), facts, asOf, examples);
    }

    /**
     * The moves as {@link #compare(RuleBase, RuleBase, Iterator, Instant, int)} finds them, with baseline stages
     * renamed in the candidate ({@code renames}, old name to new) counting as the same stage.
     *
     * @throws IllegalArgumentException naming a rename whose old name the baseline, or whose new name the candidate,
     *                                  does not declare
     */
    public MoveMatrix compare(RuleBase baseline, RuleBase candidate, Map<String, String> renames,
                              Iterator<? extends Fact> facts, Instant asOf, int examples) {
        renames.forEach((from, to) -> {
            if (!baseline.stageModel().declares(from) || !candidate.stageModel().declares(to)) {
                throw new IllegalArgumentException("cannot rename '" + from + "' to '" + to + "': the baseline's"
                        + " stages are " + String.join(", ", baseline.stageModel().names()) + " and the changed"
                        + " pack's " + String.join(", ", candidate.stageModel().names()));
            }
        });
        MetricsRun run = metrics.newRun(asOf);
        facts.forEachRemaining(run::add);
        int customers = run.finish();
        MoveMatrix moves = new MoveMatrix(baseline.stageModel().names(), candidate.stageModel().names(), renames,
                examples);
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
