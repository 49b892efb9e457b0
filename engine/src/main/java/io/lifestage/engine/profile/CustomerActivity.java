package io.lifestage.engine.profile;

import io.lifestage.api.Event;
import io.lifestage.api.rules.EventHistory;
import java.util.Arrays;

/**
 * The running tally of one customer's facts: everything needed for their metrics, in fixed-size state, so that
 * memory grows with customers and not with events. Tallies merge, which is how an anonymous visitor's history
 * joins the user they identify as.
 */
final class CustomerActivity implements EventHistory {

    private static final long NONE = Long.MIN_VALUE;

    private final MetricsPlan plan;
    private long firstSeen = Long.MAX_VALUE;
    private long lastEvent = NONE;
    /** Per tracked event: counts per age bucket; null until the first such event. */
    private int[][] buckets;
    /** Per tracked event: time of the latest one. */
    private long[] lastAt;

    int orders;
    int subscriptionStarts;
    double revenue;
    long firstPurchase = Long.MAX_VALUE;
    long lastPurchase = NONE;
    private long lastOrder = NONE;
    private long lastSubscriptionEvent = NONE;
    private boolean subscriptionCancelled;
    private long lastSurvey = NONE;
    private int lastSurveyScore = -1;

    CustomerActivity(MetricsPlan plan) {
        this.plan = plan;
    }

    void profileSeen(long at) {
        firstSeen = Math.min(firstSeen, at);
    }

    void add(Event event, long at) {
        firstSeen = Math.min(firstSeen, at);
        lastEvent = Math.max(lastEvent, at);
        int index = plan.indexOf(event.name());
        if (index >= 0) {
            count(index, at);
        }
        switch (event.name()) {
            case EventNames.ORDER_COMPLETED -> {
                orders++;
                revenue += amount(event);
                lastOrder = Math.max(lastOrder, at);
                purchase(at);
            }
            case EventNames.ORDER_REFUNDED -> revenue -= amount(event);
            case EventNames.SUBSCRIPTION_STARTED -> {
                subscriptionStarts++;
                purchase(at);
                subscriptionEvent(at, false);
            }
            case EventNames.SUBSCRIPTION_RENEWED -> subscriptionEvent(at, false);
            case EventNames.SUBSCRIPTION_CANCELLED -> subscriptionEvent(at, true);
            case EventNames.SURVEY_ANSWERED -> survey(event.number("score"), at);
            default -> { }
        }
    }

    private void count(int index, long at) {
        ensureTallies();
        if (buckets[index] == null) {
            buckets[index] = new int[plan.windowDays.length + 1];
        }
        buckets[index][plan.bucket(plan.asOf - at)]++;
        lastAt[index] = Math.max(lastAt[index], at);
    }

    private void ensureTallies() {
        if (buckets == null) {
            buckets = new int[plan.trackedEvents()][];
            lastAt = new long[plan.trackedEvents()];
            Arrays.fill(lastAt, NONE);
        }
    }

    private static double amount(Event event) {
        Double total = event.number("total");
        return total == null ? 0 : total;
    }

    private void purchase(long at) {
        firstPurchase = Math.min(firstPurchase, at);
        lastPurchase = Math.max(lastPurchase, at);
    }

    private void subscriptionEvent(long at, boolean cancelled) {
        if (at >= lastSubscriptionEvent) {
            lastSubscriptionEvent = at;
            subscriptionCancelled = cancelled;
        }
    }

    private void survey(Double score, long at) {
        if (score != null && score >= 0 && score <= 10 && at >= lastSurvey) {
            lastSurvey = at;
            lastSurveyScore = (int) Math.round(score);
        }
    }

    /** Adds another tally of the same customer to this one. */
    void merge(CustomerActivity other) {
        firstSeen = Math.min(firstSeen, other.firstSeen);
        lastEvent = Math.max(lastEvent, other.lastEvent);
        if (other.buckets != null) {
            for (int index = 0; index < other.buckets.length; index++) {
                if (other.buckets[index] != null) {
                    mergeCounts(index, other.buckets[index], other.lastAt[index]);
                }
            }
        }
        orders += other.orders;
        subscriptionStarts += other.subscriptionStarts;
        revenue += other.revenue;
        firstPurchase = Math.min(firstPurchase, other.firstPurchase);
        lastPurchase = Math.max(lastPurchase, other.lastPurchase);
        lastOrder = Math.max(lastOrder, other.lastOrder);
        if (other.lastSubscriptionEvent != NONE) {
            subscriptionEvent(other.lastSubscriptionEvent, other.subscriptionCancelled);
        }
        if (other.lastSurvey != NONE && other.lastSurvey >= lastSurvey) {
            lastSurvey = other.lastSurvey;
            lastSurveyScore = other.lastSurveyScore;
        }
    }

    private void mergeCounts(int index, int[] counts, long latest) {
        ensureTallies();
        if (buckets[index] == null) {
            buckets[index] = counts.clone();
        } else {
            for (int b = 0; b < counts.length; b++) {
                buckets[index][b] += counts[b];
            }
        }
        lastAt[index] = Math.max(lastAt[index], latest);
    }

    @Override
    public int countWithin(String event, int days) {
        int window = plan.window(days);
        int index = trackedIndex(event);
        if (buckets == null || buckets[index] == null) {
            return 0;
        }
        int sum = 0;
        for (int b = 0; b <= window; b++) {
            sum += buckets[index][b];
        }
        return sum;
    }

    @Override
    public int daysSinceLast(String event) {
        int index = trackedIndex(event);
        return plan.daysSince(lastAt == null ? NONE : lastAt[index]);
    }

    private int trackedIndex(String event) {
        int index = plan.indexOf(event);
        if (index < 0) {
            throw new IllegalArgumentException("event '" + event + "' is not counted: add it to"
                    + " lifestage.metrics.extra-events");
        }
        return index;
    }

    long firstSeen() {
        return firstSeen == Long.MAX_VALUE ? NONE : firstSeen;
    }

    long lastEvent() {
        return lastEvent;
    }

    long lastOrder() {
        return lastOrder;
    }

    long lastSubscriptionEvent() {
        return lastSubscriptionEvent;
    }

    boolean subscriptionCancelled() {
        return subscriptionCancelled;
    }

    int lastSurveyScore() {
        return lastSurveyScore;
    }

    RfmScales.Buyer asBuyer() {
        return new RfmScales.Buyer(lastPurchase, purchases(), revenue);
    }

    int purchases() {
        return orders + subscriptionStarts;
    }
}
