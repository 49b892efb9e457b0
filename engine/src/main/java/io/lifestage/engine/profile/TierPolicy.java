package io.lifestage.engine.profile;

/** Value tiers by revenue and the simple lifetime-value estimate, from {@code lifestage.metrics.*}. */
final class TierPolicy {

    static final String NONE = "none";
    private static final double DAYS_PER_YEAR = 365.25;

    private final double mediumRevenue;
    private final double largeRevenue;
    private final double clvYears;

    TierPolicy(double mediumRevenue, double largeRevenue, double clvYears) {
        this.mediumRevenue = mediumRevenue;
        this.largeRevenue = largeRevenue;
        this.clvYears = clvYears;
    }

    String tier(double revenue) {
        if (revenue >= largeRevenue) {
            return "large";
        }
        return revenue >= mediumRevenue ? "medium" : "small";
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
