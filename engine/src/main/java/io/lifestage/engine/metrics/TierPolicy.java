package io.lifestage.engine.metrics;

import io.lifestage.api.rules.ValueTier;
import io.lifestage.engine.config.MetricsSettings;

/**
 * Value tiers by revenue, the simple lifetime-value estimate of {@code CustomerMetrics} and what counts as a purchase,
 * from {@code lifestage.metrics.*}; reports use it to compute tiers, RFM and lifetime values as of other instants than
 * a run's.
 *
 * @param mediumRevenue       the least revenue of a medium-tier customer
 * @param largeRevenue        the least revenue of a large-tier customer
 * @param clvYears            the years a customer is expected to keep buying, for the lifetime value
 * @param renewalsAsPurchases whether {@code Subscription Renewed} counts as a purchase and its amount as revenue
 */
public record TierPolicy(double mediumRevenue, double largeRevenue, double clvYears, boolean renewalsAsPurchases) {

    private static final double DAYS_PER_YEAR = 365.25;

    /** A policy with renewals counted as purchases, as {@code lifestage.metrics.renewals-as-purchases} defaults. */
    public TierPolicy(double mediumRevenue, double largeRevenue, double clvYears) {
        this(mediumRevenue, largeRevenue, clvYears, true);
    }

    /** The policy the settings configure. */
    public static TierPolicy of(MetricsSettings settings) {
        return new TierPolicy(settings.mediumTierRevenue(), settings.largeTierRevenue(), settings.clvYears(),
                settings.renewalsAsPurchases());
    }

    /** The value tier of a buyer with this revenue: {@code small}, {@code medium} or {@code large}. */
    public String tier(double revenue) {
        if (revenue >= largeRevenue) {
            return ValueTier.LARGE.label();
        }
        return (revenue >= mediumRevenue ? ValueTier.MEDIUM : ValueTier.SMALL).label();
    }

    /**
     * Average order value × orders per year since the first purchase (one year at least) × {@link #clvYears}; 0
     * without orders.
     */
    public double lifetimeValue(int orders, double revenue, int daysSinceFirstPurchase) {
        if (orders == 0) {
            return 0;
        }
        double years = Math.max(1, daysSinceFirstPurchase / DAYS_PER_YEAR);
        return revenue / orders * (orders / years) * clvYears;
    }
}
