package io.lifestage.engine.run;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.engine.classify.ActionCatalog;
import io.lifestage.engine.classify.Classifier;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.store.CustomerState;
import io.lifestage.engine.store.Evaluation;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The walk a {@link StageRun} makes for each due customer, for hosts that keep customers' facts and state elsewhere
 * than in a stage store (the Kafka Streams node): from the state last recorded for a customer and all their facts,
 * the {@link Evaluation} as of an instant — stage, transitions with their ids, next check, and the actions due with
 * those the customer is held out of (each action's control group, {@link ActionCatalog.Action#holdsOut}), which
 * their transitions then do not list. Not thread-safe: one per thread, closed when done, which frees its rule
 * session.
 */
public final class CustomerEvaluator implements AutoCloseable {

    private final Classifier classifier;
    private final CustomerTimeline timeline;
    private final ActionCatalog actions;

    /**
     * An evaluator with this rule base, these metric settings, and RFM scored against these population scales, that
     * makes every action due since a customer's last evaluation, however old.
     */
    public CustomerEvaluator(RuleBase rules, MetricsCalculator metrics, RfmScales scales) {
        this(rules, metrics, scales, null);
    }

    /**
     * An evaluator as above that makes only the actions due at most {@code actionsMaxAge} before the instant it
     * evaluates as of (all of them when null), and counts the others ({@link #expiredActions}).
     */
    public CustomerEvaluator(RuleBase rules, MetricsCalculator metrics, RfmScales scales, Duration actionsMaxAge) {
        this.classifier = rules.newClassifier();
        this.actions = rules.actions();
        this.timeline = new CustomerTimeline(metrics.timeline(rules.timeReads(), scales), classifier,
                rules.transitions(), new JourneyClock(rules.journeys(), new ActionMaker(rules.actions())),
                actionsMaxAge == null ? Long.MAX_VALUE : actionsMaxAge.toMillis());
    }

    /**
     * Evaluates a customer as of an instant.
     *
     * @param customerId the customer
     * @param state      what the last evaluation recorded, or null for a customer never evaluated
     * @param facts      every fact of the customer, attributed to {@code customerId}, in time order
     * @param asOf       epoch milliseconds; at or after the state's {@link CustomerState#evaluatedAsOf()}
     */
    public Evaluation evaluate(String customerId, CustomerState state, List<Fact> facts, long asOf) {
        Evaluation evaluation = timeline.evaluate(
                state != null ? state : CustomerState.unevaluated(customerId), facts, asOf);
        Set<String> heldOut = evaluation.actions().stream()
                .filter(action -> actions.action(action.action()).holdsOut(customerId))
                .map(ActionFired::id).collect(Collectors.toSet());
        // A transition lists the actions it triggers, and sinks may act on that list: it names no held-out one, also
        // when the action itself was not made (too old to hand out), so that a transition reads the same either way.
        if (heldOut.isEmpty() && evaluation.transitions().stream().flatMap(t -> t.actions().stream())
                .noneMatch(name -> actions.action(name).holdsOut(customerId))) {
            return evaluation;
        }
        List<Transition> transitions = evaluation.transitions().stream().map(t -> new Transition(t.id(),
                t.customerId(), t.from(), t.to(), t.at(), t.rule(), t.reason(), t.ruleBaseVersion(),
                t.actions().stream().filter(name -> !actions.action(name).holdsOut(customerId)).toList(),
                t.policy())).toList();
        return evaluation.holdingOut(heldOut, transitions);
    }

    /** Actions this evaluator did not make because they came due longer than the maximum age before as-of. */
    public long expiredActions() {
        return timeline.expiredActions();
    }

    @Override
    public void close() {
        classifier.close();
    }
}
