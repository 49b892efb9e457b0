/**
 * Per-customer metrics: aggregates a run's facts per customer in one pass, links anonymous visitors to the users
 * they identify as, and turns each customer's tally into the {@link io.lifestage.api.rules.CustomerMetrics} fact
 * the rules read (recency, counts per window, orders, revenue, subscription state, survey score, RFM, value tier).
 */
package io.lifestage.engine.metrics;
