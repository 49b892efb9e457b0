package io.lifestage.engine.report;

import java.time.Instant;

/**
 * What one customer is worth: the RFM scores and value tier of their last evaluation, and from their facts up to an
 * instant their orders, revenue, average order value and lifetime value (formulas: docs/reports.md, "The scorecard").
 *
 * @param customerId        the customer
 * @param asOf              the instant the facts are read up to
 * @param stage             their current stage, or null when they have none yet
 * @param recency           RFM recency score of the last evaluation, 0 = never bought; so {@code frequency},
 *                          {@code monetary}
 * @param frequency         RFM frequency score
 * @param monetary          RFM monetary score
 * @param valueTier         {@code small}, {@code medium}, {@code large} or {@code none}, of the last evaluation
 * @param orders            orders up to {@code asOf}
 * @param revenue           order amounts less refunds up to {@code asOf}
 * @param averageOrderValue order amounts ÷ orders, null without orders
 * @param lifetimeValue     the lifetime-value estimate as of {@code asOf}, 0 without orders
 */
public record CustomerValue(String customerId, Instant asOf, String stage, int recency, int frequency, int monetary,
                            String valueTier, long orders, double revenue, Double averageOrderValue,
                            double lifetimeValue) {
}
