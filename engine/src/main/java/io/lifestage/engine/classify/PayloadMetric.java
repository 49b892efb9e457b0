package io.lifestage.engine.classify;

import io.lifestage.api.rules.CustomerMetrics;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The metrics an action's payload may carry ({@code actions.csv}, column {@code metrics}), each under its name, as of
 * the instant the action is due.
 */
public enum PayloadMetric {
    /** The customer's stage then, or null before their first. */
    STAGE("stage", (metrics, stage) -> stage),
    /** The value tier: small, medium, large, or none. */
    VALUE_TIER("value_tier", (metrics, stage) -> metrics.valueTier()),
    /** The RFM cell, such as {@code 5-4-3}. */
    RFM("rfm", (metrics, stage) -> metrics.rfm()),
    /** The simple CLV estimate. */
    LIFETIME_VALUE("lifetime_value", (metrics, stage) -> metrics.lifetimeValue()),
    /** Revenue to date. */
    REVENUE("revenue", (metrics, stage) -> metrics.revenue()),
    /** Purchases to date. */
    PURCHASES("purchases", (metrics, stage) -> metrics.purchases()),
    /** Whole days since the latest purchase, or null for none. */
    DAYS_SINCE_LAST_ORDER("days_since_last_order", (metrics, stage) -> days(metrics.daysSinceLastPurchase())),
    /** Whole days since the latest event, or null for none. */
    DAYS_SINCE_LAST_ACTIVITY("days_since_last_activity", (metrics, stage) -> days(metrics.daysSinceLastActivity()));

    private final String key;
    private final BiFunction<CustomerMetrics, String, Object> value;

    PayloadMetric(String key, BiFunction<CustomerMetrics, String, Object> value) {
        this.key = key;
        this.value = value;
    }

    /** Its name in {@code actions.csv} and in the payload. */
    public String key() {
        return key;
    }

    /** Its value for a customer with these metrics, in this stage. */
    public Object of(CustomerMetrics metrics, String stage) {
        return value.apply(metrics, stage);
    }

    static Optional<PayloadMetric> named(String key) {
        return Arrays.stream(values()).filter(metric -> metric.key.equals(key)).findFirst();
    }

    private static Integer days(int days) {
        return days == CustomerMetrics.NEVER ? null : days;
    }
}
