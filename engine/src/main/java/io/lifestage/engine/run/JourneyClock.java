package io.lifestage.engine.run;

import io.lifestage.api.ActionFired;
import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.engine.classify.Journeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * The journeys of one customer as their walk goes through time ({@link CustomerTimeline}): a trigger event starts
 * one, due at the trigger plus its wait; a cancel event at or before that instant ends it; at its instant it fires
 * its action, when the customer's stage then is one it fires in. The walk visits every due instant, so a journey
 * fires at its exact instant, and the earliest one still waiting becomes part of the customer's next check. Each
 * firing's id is a digest of the customer, the journey and the trigger's instant, so a walk that goes over the
 * same history again makes the same ids. Only actions due within the window the walk gives ({@link #start}) are
 * made: those due before went out in an earlier evaluation, or are too old to send and only counted
 * ({@link #expired}). It also keeps the customer's latest traits for the actions' payloads.
 */
final class JourneyClock {

    /** A started journey, due at {@code due}. */
    private record Pending(long due, int order, Journeys.Journey journey, Event trigger) {
    }

    private static final Comparator<Pending> BY_DUE = Comparator.comparingLong(Pending::due)
            .thenComparingInt(Pending::order).thenComparing(p -> p.trigger().timestamp());

    private final List<Journeys.Journey> journeys;
    private final ActionMaker actions;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(BY_DUE);
    private final Map<String, Object> traits = new HashMap<>();
    private String customerId;
    private Event lastEvent;
    private long evaluatedUntil;
    private long handOutAfter;
    private long expired;

    JourneyClock(Journeys journeys, ActionMaker actions) {
        this.journeys = journeys.all();
        this.actions = actions;
    }

    /**
     * Starts the walk of another customer, last evaluated as of {@code evaluatedUntil}: actions due after it are
     * handed out when due after {@code handOutAfter} too, and counted as expired otherwise.
     */
    void start(String customer, long evaluatedUntil, long handOutAfter) {
        this.customerId = customer;
        this.evaluatedUntil = evaluatedUntil;
        this.handOutAfter = Math.max(evaluatedUntil, handOutAfter);
        pending.clear();
        traits.clear();
        lastEvent = null;
    }

    /** Takes the customer's next fact, in time order: cancels, then starts, the journeys it names. */
    void add(Fact fact) {
        if (fact instanceof CustomerProfile profile) {
            traits.putAll(profile.traits());
            return;
        }
        Event event = (Event) fact;
        lastEvent = event;
        traits.putAll(event.traits());
        if (journeys.isEmpty()) {
            return;
        }
        pending.removeIf(p -> p.journey().cancel().contains(event.name()));
        for (int i = 0; i < journeys.size(); i++) {
            Journeys.Journey journey = journeys.get(i);
            if (journey.trigger().equals(event.name())) {
                pending.add(new Pending(event.timestamp().toEpochMilli() + journey.delay().toMillis(), i, journey,
                        event));
            }
        }
    }

    /** The instant the earliest started journey is due, or {@link Long#MAX_VALUE} when none waits. */
    long nextDue() {
        Pending first = pending.peek();
        return first == null ? Long.MAX_VALUE : first.due();
    }

    /**
     * Ends the journeys due at or before {@code at}, adding the actions of those due within the window that fire in
     * the customer's stage.
     */
    void fireDue(long at, String stage, Supplier<CustomerMetrics> metrics, List<ActionFired> fired) {
        while (!pending.isEmpty() && pending.peek().due() <= at) {
            Pending due = pending.poll();
            if (due.journey().firesIn(stage) && handsOut(due.due(), 1)) {
                String cause = "journey:" + due.journey().name();
                fired.add(actions.fire(due.journey().action(), customerId, ActionMaker.digest(customerId, cause,
                                Long.toString(due.trigger().timestamp().toEpochMilli())), due.due(), cause, stage,
                        metrics, traits, due.trigger()));
            }
        }
    }

    /** The actions a transition at {@code at} lists, with the event at that instant as their trigger, if any. */
    List<ActionFired> transitionActions(List<String> names, String transitionId, long at, String stage,
                                        Supplier<CustomerMetrics> metrics) {
        if (!handsOut(at, names.size())) {
            return List.of();
        }
        Event trigger = lastEvent != null && lastEvent.timestamp().toEpochMilli() == at ? lastEvent : null;
        List<ActionFired> fired = new ArrayList<>(names.size());
        for (String name : names) {
            fired.add(actions.fire(name, customerId, ActionMaker.digest(transitionId, name), at,
                    "transition:" + transitionId, stage, metrics, traits, trigger));
        }
        return fired;
    }

    /** Actions counted as {@link #expired} so far: due since the customer's last evaluation, but too long ago. */
    long expired() {
        return expired;
    }

    /** Whether {@code count} actions due at {@code due} are handed out, counting them when they expired. */
    private boolean handsOut(long due, int count) {
        if (due > handOutAfter) {
            return true;
        }
        if (due > evaluatedUntil) {
            expired += count;
        }
        return false;
    }
}
