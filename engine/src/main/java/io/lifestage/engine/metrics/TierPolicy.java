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

    private static final double DAYS_PER_YEAR = 365.25;

    String tier(double revenue) {
        if (revenue >= largeRevenue) {
            return ValueTier.LARGE.label();
        }
        return (revenue >= mediumRevenue ? ValueTier.MEDIUM : ValueTier.SMALL).label();
    }

    /** Average order value × orders per year since the first purchase (at least one year) × expected years. */
    double lifetimeValue(int orders, double revenue, int daysSinceFirstPurchase) {
        if (orders == 0) {
            return 0;
        }
        double years = Math.max(1, daysSinceFirstPurchase / DAYS_PER_YEAR);
        return revenue / orders * (orders / years) * clvYears;
    }
}
