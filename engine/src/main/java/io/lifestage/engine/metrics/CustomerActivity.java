package io.lifestage.engine.metrics;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.api.rules.EventHistory;
import io.lifestage.api.rules.ValueTier;
import io.lifestage.engine.config.AttributeSource;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The running tally of one customer's facts: everything needed for their metrics. A tally as of one instant keeps
 * its per-event counts by age bucket, in fixed-size state, so that memory grows with customers and not with events;
 * such tallies merge, which is how an anonymous visitor's history joins the user they identify as. A <em>timed</em>
 * tally is fed in time order and keeps each tracked event's times instead, so that its metrics can be read at any
 * instant from its latest fact on: that is how one customer is walked through time.
 */
final class CustomerActivity {

    static final long NONE = Long.MIN_VALUE;

    private final MetricsPlan plan;
    private final boolean timed;
    private long firstSeen = Long.MAX_VALUE;
    private long lastEvent = NONE;
    /** Per tracked event: counts per age bucket (as of the plan's instant); null until the first such event. */
    private int[][] buckets;
    /** Timed tallies, per tracked event: the times of those events, oldest first, and how many there are. */
    private long[][] times;
    private int[] sizes;
    /** Per tracked event: time of the latest one. */
    private long[] lastAt;

    int orders;
    int subscriptionStarts;
    int subscriptionRenewals;
    double revenue;
    /** Order totals, and refunded totals: the orders' revenue without renewals, for {@link #orderValue()}. */
    private double orderAmount;
    private double refunded;
    long firstPurchase = Long.MAX_VALUE;
    long lastPurchase = NONE;
    private long lastOrder = NONE;
    private long lastSubscriptionEvent = NONE;
    private boolean subscriptionCancelled;
    private long lastSurvey = NONE;
    private int lastSurveyScore = -1;
    /** Per declared attribute: its value and the time of the fact it came from; null until one is seen. */
    private String[] attributeValues;
    private long[] attributeTimes;
    /** How many times a declared attribute took another value: equal counts, equal attributes. */
    int attributeChanges;

    CustomerActivity(MetricsPlan plan, boolean timed) {
        this.plan = plan;
        this.timed = timed;
    }

    void profile(CustomerProfile profile, long at) {
        firstSeen = Math.min(firstSeen, at);
        offerAttributes(null, profile.traits(), at);
    }

    void add(Event event, long at) {
        firstSeen = Math.min(firstSeen, at);
        lastEvent = Math.max(lastEvent, at);
        int index = plan.indexOf(event.name());
        if (index >= 0) {
            count(index, at);
        }
        offerAttributes(event, event.traits(), at);
        switch (event.name()) {
            case EventNames.ORDER_COMPLETED -> {
                orders++;
                double amount = amount(event);
                revenue += amount;
                orderAmount += amount;
                lastOrder = Math.max(lastOrder, at);
                purchase(at);
            }
            case EventNames.ORDER_REFUNDED -> {
                double amount = amount(event);
                revenue -= amount;
                refunded += amount;
            }
            case EventNames.SUBSCRIPTION_STARTED -> {
                subscriptionStarts++;
                purchase(at);
                subscriptionEvent(at, false);
            }
            case EventNames.SUBSCRIPTION_RENEWED -> {
                subscriptionEvent(at, false);
                if (plan.renewalsArePurchases) {
                    subscriptionRenewals++;
                    Double amount = event.number(EventNames.AMOUNT);
                    revenue += amount != null ? amount : amount(event);
                    purchase(at);
                }
            }
            case EventNames.SUBSCRIPTION_CANCELLED -> subscriptionEvent(at, true);
            case EventNames.SURVEY_ANSWERED -> {
                if (isNpsAnswer(event)) {
                    survey(event.number("score"), at);
                }
            }
            default -> { }
        }
    }

    private void count(int index, long at) {
        ensureTallies();
        if (timed) {
            if (times[index] == null) {
                times[index] = new long[4];
            } else if (sizes[index] == times[index].length) {
                times[index] = Arrays.copyOf(times[index], sizes[index] * 2);
            }
            times[index][sizes[index]++] = at;
        } else {
            if (buckets[index] == null) {
                buckets[index] = new int[plan.windowDays.length + 1];
            }
            buckets[index][plan.bucket(plan.asOf - at)]++;
        }
        lastAt[index] = Math.max(lastAt[index], at);
    }

    private void ensureTallies() {
        if (lastAt == null) {
            if (timed) {
                times = new long[plan.series()][];
                sizes = new int[plan.series()];
            } else {
                buckets = new int[plan.series()][];
            }
            lastAt = new long[plan.series()];
            Arrays.fill(lastAt, NONE);
        }
    }

    /** Offers a fact's values to the declared attributes, and counts an event a count attribute counts. */
    private void offerAttributes(Event event, Map<String, Object> traits, long at) {
        AttributeSource[] sources = plan.attributeSources;
        for (int i = 0; i < sources.length; i++) {
            AttributeSource source = sources[i];
            if (source.kind() == AttributeSource.Kind.COUNT) {
                if (event != null && source.counts(event)) {
                    count(plan.countSeries[i], at);
                }
                continue;
            }
            Map<String, Object> map = source.section() == AttributeSource.Section.TRAITS ? traits
                    : event == null ? Map.of() : source.section().of(event);
            if (!map.isEmpty()) {
                offerAttribute(i, source.valueIn(map), at);
            }
        }
    }

    /** Keeps a value of an attribute when it is the first or latest seen, as the attribute's kind asks. */
    private void offerAttribute(int i, String value, long at) {
        if (value == null) {
            return;
        }
        if (attributeValues == null) {
            attributeValues = new String[plan.attributeSources.length];
            attributeTimes = new long[plan.attributeSources.length];
        }
        boolean keep = attributeValues[i] == null || (plan.attributeSources[i].kind().keepsLatest()
                ? at >= attributeTimes[i] : at < attributeTimes[i]);
        if (keep) {
            if (!value.equals(attributeValues[i])) {
                attributeChanges++;
            }
            attributeValues[i] = value;
            attributeTimes[i] = at;
        }
    }

    /** The declared attributes as of an instant: a count attribute's value is its count then, in decimal. */
    private Map<String, String> attributes(long asOf) {
        if (plan.attributeNames.length == 0) {
            return Map.of();
        }
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < plan.attributeNames.length; i++) {
            attributes.put(plan.attributeNames[i], attribute(i, asOf));
        }
        return attributes;
    }

    /** The value of the declared attribute of this index as of an instant, or null when never seen. */
    String attribute(int i, long asOf) {
        return plan.countSeries[i] >= 0
                ? Integer.toString(countWithin(plan.countSeries[i], plan.countWindow[i], asOf))
                : attributeValues == null ? null : attributeValues[i];
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

    /** Whether a survey answer is an NPS answer: a CSAT score of 2 out of 5 is not a detractor's 2 out of 10. */
    private static boolean isNpsAnswer(Event answer) {
        Object survey = answer.properties().get(EventNames.SURVEY);
        return survey == null || EventNames.NPS.equalsIgnoreCase(survey.toString().trim());
    }

    private void survey(Double score, long at) {
        if (score != null && score >= 0 && score <= 10 && at >= lastSurvey) {
            lastSurvey = at;
            lastSurveyScore = (int) Math.round(score);
        }
    }

    /** Adds another tally of the same customer, as of the same instant, to this one. */
    void merge(CustomerActivity other) {
        if (timed || other.timed) {
            throw new IllegalStateException("timed tallies do not merge");
        }
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
        subscriptionRenewals += other.subscriptionRenewals;
        revenue += other.revenue;
        orderAmount += other.orderAmount;
        refunded += other.refunded;
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
        if (other.attributeValues != null) {
            for (int i = 0; i < other.attributeValues.length; i++) {
                offerAttribute(i, other.attributeValues[i], other.attributeTimes[i]);
            }
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

    /** How many events of a series (a tracked event's or a count's) fall in a window (by index) as of an instant. */
    int countWithin(int index, int window, long asOf) {
        if (lastAt == null) {
            return 0;
        }
        if (timed) {
            long[] at = times[index];
            if (at == null) {
                return 0;
            }
            return sizes[index] - firstAfter(at, sizes[index], asOf - plan.windowMillis(window));
        }
        if (buckets[index] == null) {
            return 0;
        }
        int sum = 0;
        for (int b = 0; b <= window; b++) {
            sum += buckets[index][b];
        }
        return sum;
    }

    /** The time of the latest event of a tracked index, or {@link #NONE}. */
    long lastAt(int index) {
        return lastAt == null ? NONE : lastAt[index];
    }

    /**
     * The earliest instant after {@code after} at which an event of a tracked index leaves a window (by index), or
     * {@link Long#MAX_VALUE}; timed tallies only.
     */
    long nextExit(int index, int window, long after) {
        long[] at = lastAt == null ? null : times[index];
        if (at == null) {
            return Long.MAX_VALUE;
        }
        long span = plan.windowMillis(window);
        int first = firstAfter(at, sizes[index], after - span);
        return first == sizes[index] ? Long.MAX_VALUE : at[first] + span;
    }

    /** Index of the first of the {@code size} sorted times that is later than {@code instant}. */
    private static int firstAfter(long[] times, int size, long instant) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times[middle] <= instant) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The history of tracked events as rules read it, as of an instant. */
    EventHistory historyAt(long asOf) {
        return new EventHistory() {
            @Override
            public int countWithin(String event, int days) {
                return CustomerActivity.this.countWithin(trackedIndex(event), plan.window(days), asOf);
            }

            @Override
            public int daysSinceLast(String event) {
                return MetricsPlan.daysSince(asOf, lastAt(trackedIndex(event)));
            }
        };
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

    /** The metrics rules read, as of an instant no earlier than this tally's latest fact. */
    CustomerMetrics metrics(String customerId, long asOf, RfmScales scales, TierPolicy tiers) {
        boolean buyer = purchases() > 0;
        return new CustomerMetrics(
                customerId,
                Instant.ofEpochMilli(asOf),
                firstSeen() == NONE ? null : Instant.ofEpochMilli(firstSeen()),
                lastEvent == NONE ? null : Instant.ofEpochMilli(lastEvent),
                MetricsPlan.daysSince(asOf, lastEvent),
                orders,
                subscriptionStarts,
                revenue,
                buyer ? MetricsPlan.daysSince(asOf, firstPurchase) : CustomerMetrics.NEVER,
                MetricsPlan.daysSince(asOf, lastPurchase),
                subscriptionCancelled,
                subscriptionCancelled && lastOrder > lastSubscriptionEvent,
                lastSurveyScore,
                buyer ? scales.recencyScore(lastPurchase) : 0,
                buyer ? scales.frequency.score(purchases()) : 0,
                buyer ? scales.monetary.score(revenue) : 0,
                buyer ? tiers.tier(revenue) : ValueTier.NONE.label(),
                buyer ? tiers.lifetimeValue(orders + subscriptionRenewals, revenue,
                        MetricsPlan.daysSince(asOf, firstPurchase)) : 0,
                historyAt(asOf),
                subscriptionRenewals,
                attributes(asOf));
    }

    /** The subscription and survey state rules read, in one number: equal numbers, equal state. */
    long stateBits() {
        return (subscriptionCancelled ? 1 : 0) | (lastOrder > lastSubscriptionEvent ? 2 : 0)
                | (long) (lastSurveyScore + 1) << 2;
    }

    /** What the orders added so far are worth. */
    OrderValue orderValue() {
        return new OrderValue(orders, orderAmount, orderAmount - refunded,
                firstPurchase == Long.MAX_VALUE ? null : firstPurchase);
    }

    RfmScales.Buyer asBuyer() {
        return new RfmScales.Buyer(lastPurchase, purchases(), revenue);
    }

    int purchases() {
        return orders + subscriptionStarts + subscriptionRenewals;
    }
}
