package io.lifestage.engine.store;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.engine.metrics.OrderValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a run decided for one customer, to be stored in one transaction with the rest of its chunk.
 *
 * @param customerId  the customer
 * @param stage       the stage the customer is in now (after the transition policy), or null when none yet
 * @param stageSince  when they entered it, or null with no stage
 * @param decision    the decision as of the run's instant, or null when the customer had no fact by then
 * @param metrics     the metrics behind the decision, or null with it
 * @param orders      what the customer's orders are worth as of {@code asOf}, kept for the value views;
 *                    {@link OrderValue#NONE} without a decision
 * @param asOf        the run's as-of instant
 * @param nextCheckAt the next instant the stage could change with no new fact, or null for never
 * @param transitions the moves found since the last evaluation, in time order
 * @param actions     the actions that came due since the last evaluation (of journeys and of transitions), in time
 *                    order, those held out included
 * @param heldOut     the ids of those actions the customer is held out of (the action's control group): stored, so
 *                    that reports compare the groups, but never handed to sinks or subscribers
 */
public record Evaluation(String customerId, String stage, Instant stageSince, Decision decision,
                         CustomerMetrics metrics, OrderValue orders, Instant asOf, Instant nextCheckAt,
                         List<Transition> transitions, List<ActionFired> actions, Set<String> heldOut) {

    public Evaluation {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(asOf, "asOf");
        transitions = List.copyOf(transitions);
        actions = List.copyOf(actions);
        heldOut = Set.copyOf(heldOut);
    }

    /** An evaluation that held the customer out of no action. */
    public Evaluation(String customerId, String stage, Instant stageSince, Decision decision, CustomerMetrics metrics,
                      OrderValue orders, Instant asOf, Instant nextCheckAt, List<Transition> transitions,
                      List<ActionFired> actions) {
        this(customerId, stage, stageSince, decision, metrics, orders, asOf, nextCheckAt, transitions, actions,
                Set.of());
    }

    /**
     * The same evaluation, holding the customer out of the actions with these ids, with these transitions (the same
     * moves, listing no held-out action).
     */
    public Evaluation holdingOut(Set<String> actionIds, List<Transition> listing) {
        return new Evaluation(customerId, stage, stageSince, decision, metrics, orders, asOf, nextCheckAt, listing,
                actions, actionIds);
    }

    /** The actions to hand to sinks and subscribers: all but those held out. */
    public List<ActionFired> delivered() {
        return heldOut.isEmpty() ? actions : actions.stream().filter(a -> !heldOut.contains(a.id())).toList();
    }

    /** An evaluation that fired no action and counted no order. */
    public Evaluation(String customerId, String stage, Instant stageSince, Decision decision, CustomerMetrics metrics,
                      Instant asOf, Instant nextCheckAt, List<Transition> transitions) {
        this(customerId, stage, stageSince, decision, metrics, OrderValue.NONE, asOf, nextCheckAt, transitions,
                List.of());
    }
}
