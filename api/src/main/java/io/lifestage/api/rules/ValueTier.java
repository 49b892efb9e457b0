package io.lifestage.api.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A customer's value tier by revenue, as {@link CustomerMetrics#valueTier()} spells it for rules ({@code "large"}):
 * the thresholds are {@code lifestage.metrics.medium-revenue} and {@code lifestage.metrics.large-revenue}.
 */
public enum ValueTier {
    SMALL, MEDIUM, LARGE,
    /** Never bought. */
    NONE;

    /** The tier as rules, reports and the store spell it: {@code small}, {@code medium}, {@code large}, {@code none}.
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every tier's label, smallest first, {@code none} last. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(ValueTier::label).toList();
    }
}
