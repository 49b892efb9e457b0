package io.lifestage.api.rules;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the rules know about one customer as of an instant, computed by the engine from their facts in one pass.
 * It is the fact rules match on: {@code CustomerMetrics( customer, daysSinceLastActivity >= 180 )}.
 *
 * <p>"Days since" values are whole days of 24 hours before {@link #asOf()}, rounded down, or {@link #NEVER} when the
 * thing never happened. An event is <em>in the last N days</em> when fewer than N whole days separate it from
 * {@code asOf}, so {@code daysSinceLast(event) < N}.
 *
 * @param customerId                  the customer
 * @param asOf                        the instant the metrics are computed as of
 * @param firstSeen                   the earliest fact about the customer, or null if only a profile is known
 * @param lastSeen                    the latest event of the customer, or null if none
 * @param daysSinceLastActivity       days since the latest event of any kind
 * @param orders                      {@code Order Completed} events ever
 * @param subscriptionStarts          {@code Subscription Started} events ever
 * @param revenue                     sum of order totals (and renewal amounts, see {@code subscriptionRenewals}) less
 *                                    refunded totals
 * @param daysSinceFirstPurchase      days since the first purchase (see {@link #purchases()})
 * @param daysSinceLastPurchase       days since the latest purchase
 * @param subscriptionCancelled       whether the latest subscription event is {@code Subscription Cancelled}
 * @param orderedSinceCancellation    whether an order was completed after that cancellation
 * @param lastSurveyScore             score (0–10) of the latest NPS answer, or -1 if none: a
 *                                    {@code Survey Answered} whose {@code survey} is {@code nps} or absent (CSAT
 *                                    answers, {@code survey=csat}, do not count)
 * @param recencyScore                RFM recency quintile, 5 = most recent; 0 for non-customers
 * @param frequencyScore              RFM frequency quintile, 5 = most purchases; 0 for non-customers
 * @param monetaryScore               RFM monetary quintile, 5 = most revenue; 0 for non-customers
 * @param valueTier                   a {@link ValueTier}'s label: {@code small}, {@code medium} or {@code large} by
 *                                    revenue; {@code none} for non-customers
 * @param lifetimeValue               simple CLV estimate: average order value × orders per year since the first
 *                                    purchase (one year at least) × {@code lifestage.metrics.clv-years}; 0 without
 *                                    orders
 * @param events                      per-event counts and recency
 * @param subscriptionRenewals        {@code Subscription Renewed} events ever, when renewals count as purchases
 *                                    ({@code lifestage.metrics.renewals-as-purchases}, the default); 0 otherwise
 * @param attributes                  the declared attributes ({@code lifestage.metrics.attributes.*}) by name, each
 *                                    a string as of {@code asOf}, or null when never seen; read with
 *                                    {@link #attribute(String)}
 */
public record CustomerMetrics(
        String customerId,
        Instant asOf,
        Instant firstSeen,
        Instant lastSeen,
        int daysSinceLastActivity,
        int orders,
        int subscriptionStarts,
        double revenue,
        int daysSinceFirstPurchase,
        int daysSinceLastPurchase,
        boolean subscriptionCancelled,
        boolean orderedSinceCancellation,
        int lastSurveyScore,
        int recencyScore,
        int frequencyScore,
        int monetaryScore,
        String valueTier,
        double lifetimeValue,
        EventHistory events,
        int subscriptionRenewals,
        Map<String, String> attributes) {

    /** The "days since" value of something that never happened. */
    public static final int NEVER = Integer.MAX_VALUE;

    public CustomerMetrics {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(valueTier, "valueTier");
        Objects.requireNonNull(events, "events");
        attributes = attributes == null || attributes.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new HashMap<>(attributes));
    }

    /** Metrics without renewals counted and without declared attributes. */
    public CustomerMetrics(String customerId, Instant asOf, Instant firstSeen, Instant lastSeen,
                           int daysSinceLastActivity, int orders, int subscriptionStarts, double revenue,
                           int daysSinceFirstPurchase, int daysSinceLastPurchase, boolean subscriptionCancelled,
                           boolean orderedSinceCancellation, int lastSurveyScore, int recencyScore,
                           int frequencyScore, int monetaryScore, String valueTier, double lifetimeValue,
                           EventHistory events) {
        this(customerId, asOf, firstSeen, lastSeen, daysSinceLastActivity, orders, subscriptionStarts, revenue,
                daysSinceFirstPurchase, daysSinceLastPurchase, subscriptionCancelled, orderedSinceCancellation,
                lastSurveyScore, recencyScore, frequencyScore, monetaryScore, valueTier, lifetimeValue, events, 0,
                Map.of());
    }

    /**
     * The value of a declared attribute as of {@link #asOf()}, or null when the customer never had one:
     * {@code CustomerMetrics( attribute("country") == "DE" )}.
     *
     * @throws IllegalArgumentException when no attribute of this name is declared
     */
    public String attribute(String name) {
        if (!attributes.containsKey(name)) {
            throw new IllegalArgumentException("attribute '" + name + "' is not declared: add"
                    + " lifestage.metrics.attributes." + name + "=trait:" + name + " (or first-trait:, first-touch:,"
                    + " last-touch:, count:) to the configuration or the pack's pack.properties");
        }
        return attributes.get(name);
    }

    /**
     * The value of a declared attribute as a number, for comparisons such as
     * {@code CustomerMetrics( attributeNumber("cat_views") >= 3 )} on a count or
     * {@code attributeNumber("employees") > 50} on a trait; {@link Double#NaN}, which no comparison matches, when the
     * customer never had the attribute or its value is not a number.
     *
     * @throws IllegalArgumentException when no attribute of this name is declared
     */
    public double attributeNumber(String name) {
        String value = attribute(name);
        if (value == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Whether the customer has bought: at least one purchase. */
    public boolean customer() {
        return purchases() > 0;
    }

    /** Orders plus subscription starts plus (when they count) subscription renewals. */
    public int purchases() {
        return orders + subscriptionStarts + subscriptionRenewals;
    }

    /** Revenue per paid purchase (order or counted renewal), or 0 without any. */
    public double averageOrderValue() {
        int paid = orders + subscriptionRenewals;
        return paid == 0 ? 0 : revenue / paid;
    }

    /** The RFM cell as three digits, for example {@code 545}; {@code 000} for non-customers. */
    public String rfm() {
        return "" + recencyScore + frequencyScore + monetaryScore;
    }

    /** Number of events of this name in the last {@code days} days; {@code days} must be a configured window. */
    public int countWithin(String event, int days) {
        return events.countWithin(event, days);
    }

    /** Whole days since the latest event of this name, or {@link #NEVER}. */
    public int daysSinceLast(String event) {
        return events.daysSinceLast(event);
    }

    /** Whether an event of this name happened in the last {@code days} days. */
    public boolean didWithin(String event, int days) {
        return daysSinceLast(event) < days;
    }
}
