package io.lifestage.engine.metrics;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a customer is worth at several instants — what the RFM scales need of them and what their orders are worth —
 * from one walk of their facts, counted as a run's metrics count them as of each instant. Reports use it to show RFM
 * scores and value tiers as of each period's end, whatever runs happened when.
 */
public final class ValueHistory {

    /**
     * What a customer is worth at one instant.
     *
     * @param buyer  what the RFM scales need of them, null when they had not bought by then
     * @param orders what their orders were worth then
     */
    public record Snapshot(RfmScales.Buyer buyer, OrderValue orders) {
    }

    private final MetricsPlan plan;
    private final Set<String> events;

    /** Counts purchases and revenue as {@code tiers} says (renewals as purchases or not). */
    public ValueHistory(TierPolicy tiers) {
        this.plan = new MetricsPlan(Instant.EPOCH, List.of(), List.of(), Map.of(), tiers.renewalsAsPurchases());
        this.events = tiers.renewalsAsPurchases() ? EventNames.PURCHASES_WITH_RENEWALS : EventNames.PURCHASES;
    }

    /** The events a customer's value is counted from; their properties (the amounts) are read. */
    public Set<String> events() {
        return events;
    }

    /**
     * A customer's value at each of {@code instants} (epoch milliseconds, ascending), from their facts in time order:
     * one pass over the facts, so its cost grows with the facts and instants, not their product.
     */
    public Snapshot[] at(List<Fact> facts, long[] instants) {
        Snapshot[] snapshots = new Snapshot[instants.length];
        CustomerActivity activity = new CustomerActivity(plan, false);
        int next = 0;
        for (Fact fact : facts) {
            if (!(fact instanceof Event event) || !events.contains(event.name())) {
                continue;
            }
            long at = event.timestamp().toEpochMilli();
            for (; next < instants.length && at > instants[next]; next++) {
                snapshots[next] = snapshot(activity);
            }
            if (next == instants.length) {
                return snapshots;
            }
            activity.add(event, at);
        }
        for (; next < instants.length; next++) {
            snapshots[next] = snapshot(activity);
        }
        return snapshots;
    }

    private static Snapshot snapshot(CustomerActivity activity) {
        return new Snapshot(activity.purchases() > 0 ? activity.asBuyer() : null, activity.orderValue());
    }
}
