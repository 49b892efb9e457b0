package io.lifestage.engine.metrics;

import io.lifestage.api.rules.ValueTier;

/**
 * Value tiers by revenue and the simple lifetime-value estimate, from {@code lifestage.metrics.*}.
 *
 * @param mediumRevenue the least revenue of a medium-tier customer
 * @param largeRevenue  the least revenue of a large-tier customer
 * @param clvYears      the years a customer is expected to keep buying, for the lifetime value
 */
record TierPolicy(double mediumRevenue, double largeRevenue, double clvYears) {

    String tier(double revenue) {
        if (revenue >= largeRevenue) {
            return ValueTier.LARGE.label();
        }
        return (revenue >= mediumRevenue ? ValueTier.MEDIUM : ValueTier.SMALL).label();
    }

    /** The lifetime-value estimate of {@link LifetimeValue} with this policy's expected years. */
    double lifetimeValue(int orders, double revenue, int daysSinceFirstPurchase) {
        return LifetimeValue.estimate(orders, revenue, daysSinceFirstPurchase, clvYears);
    }
}
