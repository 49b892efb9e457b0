package io.lifestage.engine.metrics;

import io.lifestage.engine.internal.Days;

/**
 * What a customer's orders are worth as of an evaluation: what a run keeps on the customer's row so that the value
 * views (a customer's metrics, who-lists by value, revenue and lifetime value per stage and tier) read one row per
 * customer instead of their facts. Renewals and subscription starts are purchases but not orders: they count for the
 * first purchase only.
 *
 * @param orders          {@code Order Completed} events
 * @param orderAmount     the sum of their {@code total}s
 * @param revenue         {@code orderAmount} less the {@code total}s of {@code Order Refunded} events
 * @param firstPurchaseAt epoch milliseconds of the first purchase (order, subscription start or counted renewal), or
 *                        null when the customer never bought
 */
public record OrderValue(int orders, double orderAmount, double revenue, Long firstPurchaseAt) {

    /** The value of a customer with no order, no refund and no purchase. */
    public static final OrderValue NONE = new OrderValue(0, 0, 0, null);


    /** Order amounts ÷ orders, or null without orders. */
    public Double averageOrderValue() {
        return orders == 0 ? null : orderAmount / orders;
    }

    /**
     * The lifetime value as of an instant (epoch milliseconds) by {@link TierPolicy#lifetimeValue}: from the orders,
     * their revenue and the whole days since the first purchase; 0 without orders.
     */
    public double lifetimeValue(TierPolicy tiers, long asOf) {
        return orders == 0 ? 0 : tiers.lifetimeValue(orders, revenue, (int) ((asOf - firstPurchaseAt) / Days.MILLIS));
    }
}
