package io.lifestage.engine.report;

import io.lifestage.api.rules.ValueTier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFM scores and value tiers of the customers now in a stage, from the metrics of each customer's last
 * evaluation (the store keeps no older metrics).
 *
 * @param stage     the stage
 * @param customers customers now in it
 * @param recency   customers per recency score: element {@code i} counts score {@code i} (0 = never bought, 1..5)
 * @param frequency customers per frequency score, as {@code recency}
 * @param monetary  customers per monetary score, as {@code recency}
 * @param tiers     customers per value tier: {@code small}, {@code medium}, {@code large}, {@code none}
 */
public record StageProfile(String stage, long customers, List<Long> recency, List<Long> frequency,
                           List<Long> monetary, Map<String, Long> tiers) {

    /** The value tiers, in the order reports show them. */
    public static final List<String> TIERS = ValueTier.labels();

    public StageProfile {
        recency = List.copyOf(recency);
        frequency = List.copyOf(frequency);
        monetary = List.copyOf(monetary);
        tiers = Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
    }
}
