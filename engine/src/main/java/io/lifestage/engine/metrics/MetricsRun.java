package io.lifestage.engine.metrics;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.rules.CustomerMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's aggregation: {@link #add} every fact, {@link #finish} once, then read each customer's metrics by index
 * (from any thread, each index once). Facts later than the as-of instant are counted and ignored.
 */
public final class MetricsRun {

    private final MetricsPlan plan;
    private final TierPolicy tiers;
    private final Map<String, CustomerActivity> byId = new HashMap<>();
    /** Anonymous id → the user id an identify call linked it to; the first link wins. */
    private final Map<String, String> identities = new HashMap<>();
    private long factsRead;
    private long factsAfterAsOf;

    private String[] ids;
    private CustomerActivity[] activities;
    private RfmScales scales;

    MetricsRun(MetricsPlan plan, TierPolicy tiers) {
        this.plan = plan;
        this.tiers = tiers;
    }

    /** Adds a fact to its customer's tally; returns false if it happened after the as-of instant. */
    public boolean add(Fact fact) {
        requireOpen();
        factsRead++;
        if (fact instanceof Event event) {
            long at = event.timestamp().toEpochMilli();
            if (at > plan.asOf) {
                factsAfterAsOf++;
                return false;
            }
            activityOf(event.customerId()).add(event, at);
            if (event.type() == Event.Type.IDENTIFY && event.userId() != null && event.anonymousId() != null) {
                identities.putIfAbsent(event.anonymousId(), event.userId());
            }
        } else {
            CustomerProfile profile = (CustomerProfile) fact;
            long at = profile.updatedAt().toEpochMilli();
            if (at > plan.asOf) {
                factsAfterAsOf++;
                return false;
            }
            activityOf(profile.customerId()).profile(profile, at);
        }
        return true;
    }

    private CustomerActivity activityOf(String customerId) {
        return byId.computeIfAbsent(customerId, id -> new CustomerActivity(plan, false));
    }

    /**
     * Ends the aggregation: merges each linked anonymous visitor into their user, orders customers by id and
     * computes the RFM quintiles over all customers who bought.
     *
     * @return the number of customers
     */
    public int finish() {
        requireOpen();
        identities.forEach((anonymousId, userId) -> {
            CustomerActivity anonymous = byId.remove(anonymousId);
            if (anonymous != null && !anonymousId.equals(userId)) {
                activityOf(userId).merge(anonymous);
            } else if (anonymous != null) {
                byId.put(anonymousId, anonymous);
            }
        });
        identities.clear();
        ids = byId.keySet().toArray(String[]::new);
        Arrays.sort(ids);
        activities = new CustomerActivity[ids.length];
        List<RfmScales.Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            activities[i] = byId.get(ids[i]);
            if (activities[i].purchases() > 0) {
                buyers.add(activities[i].asBuyer());
            }
        }
        byId.clear();
        scales = RfmScales.of(buyers, plan.asOf);
        return ids.length;
    }

    /** Facts given to {@link #add}. */
    public long factsRead() {
        return factsRead;
    }

    /** Facts ignored because they happened after the as-of instant. */
    public long factsAfterAsOf() {
        return factsAfterAsOf;
    }

    /** The index of a customer, or -1 when the facts did not mention them; after {@link #finish}. */
    public int indexOf(String customerId) {
        int index = Arrays.binarySearch(ids, customerId);
        return index < 0 ? -1 : index;
    }

    /**
     * The metrics of the customer at this index; after {@link #finish}. Releases the customer's tally, so each
     * index may be read once; different indexes may be read from different threads.
     */
    public CustomerMetrics takeMetrics(int index) {
        CustomerActivity activity = activities[index];
        if (activity == null) {
            throw new IllegalStateException("metrics of customer " + ids[index] + " were already taken");
        }
        activities[index] = null;
        return activity.metrics(ids[index], plan.asOf, scales, tiers);
    }

    private void requireOpen() {
        if (ids != null) {
            throw new IllegalStateException("the run is finished");
        }
    }
}
