package io.lifestage.engine.report;

import java.time.Instant;

/**
 * What one customer is worth as of an instant: their RFM scores then, against every buyer's; the value tier, orders,
 * revenue and average order value of their last evaluation; and their lifetime value from those as of the instant
 * (formulas: docs/reports.md, "The scorecard").
 *
 * @param customerId        the customer
 * @param asOf              the instant the scores and the lifetime value are as of
 * @param stage             their current stage, or null when they have none yet
 * @param recency           RFM recency score as of {@code asOf} (whole days since the last purchase then) against
 *                          every buyer's, 0 = never bought; so {@code frequency} and {@code monetary}
 * @param frequency         RFM frequency score
 * @param monetary          RFM monetary score
 * @param valueTier         {@code small}, {@code medium}, {@code large} or {@code none}, of the last evaluation
 * @param orders            orders of the last evaluation
 * @param revenue           their amounts less refunds
 * @param averageOrderValue order amounts ÷ orders, null without orders
 * @param lifetimeValue     the lifetime-value estimate as of {@code asOf}, 0 without orders
 */
public record CustomerValue(String customerId, Instant asOf, String stage, int recency, int frequency, int monetary,
                            String valueTier, long orders, double revenue, Double averageOrderValue,
                            double lifetimeValue) {
}
