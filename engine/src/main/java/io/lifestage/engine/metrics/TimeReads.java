package io.lifestage.engine.metrics;

import java.util.List;

/**
 * What a rule pack's conditions read of the metrics that change with time alone, and the day values they compare
 * them with. A customer's decision can then change only at one of their facts or where one of these metrics crosses
 * one of its values, so a walk through time needs to classify only there.
 *
 * @param reads  every day-counted metric the conditions compare, with each day value it is compared with
 * @param exact  whether the conditions also read something that changes continuously ({@code asOf},
 *               {@code firstSeen}, {@code lastSeen}, {@code lifetimeValue}, or anything through {@code eval}): then
 *               every instant where any day-counted metric crosses any of the day values is classified
 */
public record TimeReads(List<Read> reads, boolean exact) {

    /** The day-counted metrics a rule can compare. */
    public enum Metric {
        /** {@code daysSinceLastActivity}. */
        DAYS_SINCE_LAST_ACTIVITY,
        /** {@code daysSinceFirstPurchase}. */
        DAYS_SINCE_FIRST_PURCHASE,
        /** {@code daysSinceLastPurchase}. */
        DAYS_SINCE_LAST_PURCHASE,
        /** {@code daysSinceLast(event)}, and {@code didWithin(event, days)}. */
        DAYS_SINCE_LAST_EVENT,
        /** {@code countWithin(event, days)}: the days are a window. */
        COUNT_WITHIN
    }

    /**
     * One comparison.
     *
     * @param metric the metric compared
     * @param event  the event of a per-event metric; null when any event may be meant (the name is not a literal)
     * @param days   the day value it is compared with, or the window it counts in
     */
    public record Read(Metric metric, String event, int days) {
    }

    /** Reads, in a fixed order. */
    public TimeReads {
        reads = List.copyOf(reads);
    }
}
