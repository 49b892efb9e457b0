package io.lifestage.engine.report;

import io.lifestage.api.rules.ValueTier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFM scores, value tiers and revenue of the customers in a stage as of an instant (a period's end), computed from
 * their facts up to it, each scored against every buyer's then.
 *
 * @param stage     the stage
 * @param customers customers in it at the instant
 * @param recency   customers per recency score: element {@code i} counts score {@code i} (0 = never bought, 1..5)
 * @param frequency customers per frequency score, as {@code recency}
 * @param monetary  customers per monetary score, as {@code recency}
 * @param tiers     customers per value tier: {@code small}, {@code medium}, {@code large}, {@code none}
 * @param segments  the RFM × tier cross-table: element {@code i} counts the customers of RFM segment {@code i} (the
 *                  mean of their three scores, rounded; 0 = never bought) per value tier, as {@code tiers}
 * @param revenue   the order revenue (less refunds) of the customers in the stage per value tier, as
 *                  {@code tiers}
 * @param lifetimeValue the sum of their lifetime values as of the instant per value tier, as {@code tiers}
 */
public record StageProfile(String stage, long customers, List<Long> recency, List<Long> frequency,
                           List<Long> monetary, Map<String, Long> tiers, List<Map<String, Long>> segments,
                           Map<String, Double> revenue, Map<String, Double> lifetimeValue) {

    /** The value tiers, in the order reports show them. */
    public static final List<String> TIERS = ValueTier.labels();

    public StageProfile {
        recency = List.copyOf(recency);
        frequency = List.copyOf(frequency);
        monetary = List.copyOf(monetary);
        tiers = Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
        segments = segments.stream().map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row))).toList();
        revenue = Collections.unmodifiableMap(new LinkedHashMap<>(revenue));
        lifetimeValue = Collections.unmodifiableMap(new LinkedHashMap<>(lifetimeValue));
    }
}
