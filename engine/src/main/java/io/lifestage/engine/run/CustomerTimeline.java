package io.lifestage.engine.run;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.engine.classify.Classifier;
import io.lifestage.engine.classify.TransitionPolicy;
import io.lifestage.engine.profile.MetricsCalculator;
import io.lifestage.engine.profile.MetricsRun;
import io.lifestage.engine.profile.RfmScales;
import io.lifestage.engine.store.CustomerState;
import io.lifestage.engine.store.Evaluation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Walks one customer's stage through time. A customer's metrics change only at the instants of their facts and
 * when one of those facts grows older than a threshold or window counted in days; between two such instants the
 * stage cannot change. So the walk classifies the customer at each of those instants since their last evaluation,
 * up to the run's as-of instant, and records every move at the instant it happened; then it looks ahead the same
 * way, over a few instants, for the first at which their stage would change with no new fact, which becomes their
 * next check. When none of those would move them, the next check is the first instant not looked at: the walk then
 * goes on from there. A longer look-ahead would classify instants that the next walk classifies again, and that new
 * facts make moot — a customer who stays active gets new facts long before their thresholds pass.
 */
final class CustomerTimeline {

    private static final long DAY = 86_400_000L;
    /** At most this many classifications per customer and run behind as-of. */
    static final int MAX_STEPS = 1_000;
    /** At most this many classifications per customer and run ahead of as-of. */
    static final int LOOK_AHEAD = 8;

    private final MetricsCalculator metrics;
    private final RfmScales scales;
    private final Classifier classifier;
    private final TransitionPolicy policy;
    private final long[] dayOffsets;

    CustomerTimeline(MetricsCalculator metrics, RfmScales scales, Classifier classifier, TransitionPolicy policy,
                     NavigableSet<Integer> days) {
        this.metrics = metrics;
        this.scales = scales;
        this.classifier = classifier;
        this.policy = policy;
        this.dayOffsets = days.stream().filter(d -> d > 0 && d <= 3_650)
                .flatMapToLong(d -> java.util.stream.LongStream.of(d * DAY, (d + 1) * DAY)).distinct().toArray();
    }

    /** Evaluates the customer as of {@code asOf}, from the state the store holds and all their facts. */
    Evaluation evaluate(CustomerState state, List<Fact> facts, long asOf) {
        Walk walk = new Walk(state);
        TreeSet<Long> factTimes = new TreeSet<>();
        facts.forEach(fact -> factTimes.add(timeOf(fact)));
        long earliestFuture = factTimes.higher(asOf) == null ? Long.MAX_VALUE : factTimes.higher(asOf);
        NavigableSet<Long> changes = changeInstants(factTimes.headSet(asOf, true));

        long from = state.evaluated() ? state.evaluatedAsOf() : Long.MIN_VALUE;
        int steps = 0;
        for (long at : changes.subSet(from, false, asOf, false)) {
            if (++steps > MAX_STEPS) {
                break;
            }
            walk.step(facts, at, false);
        }
        Step last = walk.step(facts, asOf, true);

        Long nextCheck = earliestFuture == Long.MAX_VALUE ? null : earliestFuture;
        steps = 0;
        for (long at : changes.subSet(asOf, false, earliestFuture, false)) {
            if (++steps > LOOK_AHEAD) {
                nextCheck = at;
                break;
            }
            if (walk.wouldMove(facts, at)) {
                nextCheck = at;
                break;
            }
        }
        return new Evaluation(state.customerId(), walk.current, walk.since, last == null ? null : last.decision,
                last == null ? null : last.metrics, asOf, nextCheck, walk.transitions);
    }

    /** Every instant the customer's metrics can change: their facts, and each fact plus each counted age. */
    private NavigableSet<Long> changeInstants(NavigableSet<Long> factTimes) {
        TreeSet<Long> instants = new TreeSet<>(factTimes);
        for (long time : factTimes) {
            for (long offset : dayOffsets) {
                instants.add(time + offset);
            }
        }
        return instants;
    }

    private record Step(Decision decision, CustomerMetrics metrics) {
    }

    /** The customer's stage as the walk moves forward. */
    private final class Walk {

        private final String customerId;
        private String current;
        private long since;
        /** The stage the rules chose at the last step, which a refused move leaves different from {@link #current}. */
        private String decided;
        private final List<Transition> transitions = new ArrayList<>();

        Walk(CustomerState state) {
            this.customerId = state.customerId();
            this.current = state.stage();
            this.since = state.stageSince();
            this.decided = state.stage();
        }

        /** Classifies the customer at an instant and records a move; null when they had no fact by then. */
        Step step(List<Fact> facts, long at, boolean keepMetrics) {
            CustomerMetrics metricsAt = metricsAt(facts, at);
            if (metricsAt == null) {
                return null;
            }
            Decision decision = classifier.classify(metricsAt);
            if (!decision.stage().equals(decided)) {
                decided = decision.stage();
                if (!decision.stage().equals(current)) {
                    move(decision, at);
                }
            }
            return keepMetrics ? new Step(decision, metricsAt) : null;
        }

        private void move(Decision decision, long at) {
            TransitionPolicy.Verdict verdict = policy.judge(current, decision.stage());
            transitions.add(new Transition(transitionId(customerId, current, decision.stage(), at), customerId,
                    current, decision.stage(), Instant.ofEpochMilli(at), decision.rule(), decision.reason(),
                    decision.ruleBaseVersion(), verdict.actions(), verdict.policy()));
            if (verdict.policy() != Transition.Policy.REFUSED) {
                current = decision.stage();
                since = at;
            }
        }

        /** Whether the rules would choose another stage at this instant than at the last step. */
        boolean wouldMove(List<Fact> facts, long at) {
            CustomerMetrics metricsAt = metricsAt(facts, at);
            return metricsAt != null && !classifier.classify(metricsAt).stage().equals(decided);
        }
    }

    private CustomerMetrics metricsAt(List<Fact> facts, long at) {
        MetricsRun run = metrics.newRun(Instant.ofEpochMilli(at));
        facts.forEach(run::add);
        return run.finish(scales, List.of()) == 0 ? null : run.takeMetrics(0);
    }

    private static long timeOf(Fact fact) {
        return fact instanceof Event event ? event.timestamp().toEpochMilli()
                : ((CustomerProfile) fact).updatedAt().toEpochMilli();
    }

    /** The same move of the same customer at the same instant always gets the same id. */
    static String transitionId(String customerId, String from, String to, long at) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String text = customerId + '\0' + Objects.toString(from, "") + '\0' + to + '\0' + at;
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
