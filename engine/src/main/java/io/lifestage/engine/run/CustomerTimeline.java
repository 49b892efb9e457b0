package io.lifestage.engine.run;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.engine.classify.Classifier;
import io.lifestage.engine.classify.TransitionPolicy;
import io.lifestage.engine.metrics.MetricsTimeline;
import io.lifestage.engine.metrics.OrderValue;
import io.lifestage.engine.metrics.TimeReads;
import io.lifestage.engine.store.CustomerState;
import io.lifestage.engine.store.Evaluation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Walks customers' stages through time. A customer's decision can change only at one of their facts, or where a
 * day-counted metric the rules compare crosses a value they compare it with (the pack's {@link TimeReads}). The walk
 * goes once through the customer's facts in time order and those instants, keeping the metrics up to date as it goes
 * ({@link MetricsTimeline}), and classifies only where something the rules read has changed; every move is recorded
 * at the instant it happened. Its cost grows with the customer's facts plus instants, not their product. Beyond the
 * run's as-of instant it goes on the same way, over a few classifications, for the first instant at which the stage
 * would change with no new fact: that becomes the customer's next check. When none of those would move them, the
 * next check is the last instant looked at, and the walk goes on from there next time. The pack's journeys go along
 * ({@link JourneyClock}): the walk also stops at each instant one is due, and the earliest still waiting after as-of
 * bounds the next check. Of the actions that come due, it makes only those due at most the actions' maximum age
 * before as-of: a first run over years of history does not send a welcome for a sign-up of two years ago.
 */
final class CustomerTimeline {

    /** At most this many classifications per customer and run ahead of as-of. */
    static final int LOOK_AHEAD = 8;

    private final MetricsTimeline metrics;
    private final Classifier classifier;
    private final TransitionPolicy policy;
    private final JourneyClock journeys;
    private final long actionsMaxAge;

    /** A walk that makes the actions due at most {@code actionsMaxAge} milliseconds before as-of. */
    CustomerTimeline(MetricsTimeline metrics, Classifier classifier, TransitionPolicy policy, JourneyClock journeys,
                     long actionsMaxAge) {
        this.metrics = metrics;
        this.classifier = classifier;
        this.policy = policy;
        this.journeys = journeys;
        this.actionsMaxAge = actionsMaxAge;
    }

    /** Actions that came due in the walks so far but were older than the maximum age, and were not made. */
    long expiredActions() {
        return journeys.expired();
    }

    /** Evaluates the customer as of {@code asOf}, from the state the store holds and all their facts in time order. */
    Evaluation evaluate(CustomerState state, List<Fact> facts, long asOf) {
        Walk walk = new Walk(state);
        metrics.start(state.customerId());
        long from = state.evaluated() ? state.evaluatedAsOf().toEpochMilli() : Long.MIN_VALUE;
        journeys.start(state.customerId(), from,
                asOf >= Long.MIN_VALUE + actionsMaxAge ? asOf - actionsMaxAge : Long.MIN_VALUE);
        int next = 0;
        long at = Long.MIN_VALUE;
        while (true) {
            long factAt = next < facts.size() ? MetricsTimeline.timeOf(facts.get(next)) : Long.MAX_VALUE;
            at = Math.min(Math.min(factAt, metrics.isEmpty() ? Long.MAX_VALUE : metrics.nextChange(at)),
                    journeys.nextDue());
            if (at >= asOf) {
                break;
            }
            while (next < facts.size() && MetricsTimeline.timeOf(facts.get(next)) == at) {
                add(facts.get(next++));
            }
            if (at > from && metrics.readsChangedAt(at)) {
                walk.step(metrics.at(at), at);
            }
            fireJourneys(walk, at);
        }
        while (next < facts.size() && MetricsTimeline.timeOf(facts.get(next)) <= asOf) {
            add(facts.get(next++));
        }
        if (metrics.isEmpty()) {
            return new Evaluation(state.customerId(), walk.current, walk.since, null, null, OrderValue.NONE,
                    Instant.ofEpochMilli(asOf),
                    next < facts.size() ? Instant.ofEpochMilli(MetricsTimeline.timeOf(facts.get(next))) : null,
                    walk.transitions, walk.actions);
        }
        CustomerMetrics metricsAtAsOf = metrics.at(asOf);
        metrics.readsChangedAt(asOf);
        Decision decision = walk.step(metricsAtAsOf, asOf);
        fireJourneys(walk, asOf);
        long earliestFuture = Math.min(journeys.nextDue(),
                next < facts.size() ? MetricsTimeline.timeOf(facts.get(next)) : Long.MAX_VALUE);
        long nextCheck = earliestFuture;
        int classified = 0;
        for (at = metrics.nextChange(asOf); at < earliestFuture; at = metrics.nextChange(at)) {
            if (!metrics.readsChangedAt(at)) {
                continue;
            }
            if (++classified > LOOK_AHEAD || walk.wouldMove(metrics.at(at))) {
                nextCheck = at;
                break;
            }
        }
        return new Evaluation(state.customerId(), walk.current, walk.since, decision, metricsAtAsOf,
                metrics.orderValue(), Instant.ofEpochMilli(asOf),
                nextCheck == Long.MAX_VALUE ? null : Instant.ofEpochMilli(nextCheck), walk.transitions, walk.actions);
    }

    private void add(Fact fact) {
        metrics.add(fact);
        journeys.add(fact);
    }

    private void fireJourneys(Walk walk, long at) {
        journeys.fireDue(at, walk.current, () -> metrics.at(at), walk.actions);
    }

    /** The customer's stage as the walk moves forward. */
    private final class Walk {

        private final String customerId;
        private String current;
        /** When the customer entered {@link #current}, null with it. */
        private Instant since;
        /** The stage the rules chose at the last step, which a refused move leaves different from {@link #current}. */
        private String decided;
        private final List<Transition> transitions = new ArrayList<>();
        private final List<ActionFired> actions = new ArrayList<>();

        Walk(CustomerState state) {
            this.customerId = state.customerId();
            this.current = state.stage();
            this.since = state.stageSince();
            this.decided = state.stage();
        }

        /** Classifies the customer at an instant and records a move. */
        Decision step(CustomerMetrics metricsAt, long at) {
            Decision decision = classifier.classify(metricsAt);
            if (!decision.stage().equals(decided)) {
                decided = decision.stage();
                if (!decision.stage().equals(current)) {
                    move(decision, metricsAt, at);
                }
            }
            return decision;
        }

        private void move(Decision decision, CustomerMetrics metricsAt, long at) {
            TransitionPolicy.Ruling ruling = policy.judge(current, decision.stage());
            String id = transitionId(customerId, current, decision.stage(), at);
            Transition transition = new Transition(id, customerId, current, decision.stage(), Instant.ofEpochMilli(at),
                    decision.rule(), decision.reason(), decision.ruleBaseVersion(), ruling.actions(), ruling.policy());
            transitions.add(transition);
            actions.addAll(journeys.transitionActions(ruling.actions(), id, at, decision.stage(), () -> metricsAt));
            if (ruling.policy() != Transition.Policy.REFUSED) {
                current = decision.stage();
                since = transition.at();
            }
        }

        /** Whether the rules would choose another stage at this instant than at the last step. */
        boolean wouldMove(CustomerMetrics metricsAt) {
            return !classifier.classify(metricsAt).stage().equals(decided);
        }
    }

    /** The same move of the same customer at the same instant always gets the same id. */
    static String transitionId(String customerId, String from, String to, long at) {
        return ActionMaker.digest(customerId, Objects.toString(from, ""), to, Long.toString(at));
    }
}
