package io.lifestage.engine.metrics;

/**
 * The simple lifetime-value estimate of {@code CustomerMetrics.lifetimeValue}, shared with the reports that compute it
 * as of other instants than a run's: average order value × orders per year since the first purchase (one year at
 * least) × the expected years of buying ({@code lifestage.metrics.clv-years}).
 */
public final class LifetimeValue {

    private static final double DAYS_PER_YEAR = 365.25;

    private LifetimeValue() {
    }

    /** The estimate for a customer with these orders and revenue; 0 without orders. */
    public static double estimate(int orders, double revenue, int daysSinceFirstPurchase, double clvYears) {
        if (orders == 0) {
            return 0;
        }
        double years = Math.max(1, daysSinceFirstPurchase / DAYS_PER_YEAR);
        return revenue / orders * (orders / years) * clvYears;
    }
}
