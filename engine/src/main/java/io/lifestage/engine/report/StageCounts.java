package io.lifestage.engine.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Customers per stage at an instant: each customer's stage is the {@code to} of their last transition at or before
 * it that was not refused. Customers with no stage yet are not counted.
 *
 * @param at     the instant
 * @param total  customers in any stage
 * @param counts customers per stage, every stage of the report in funnel order (zeros included)
 */
public record StageCounts(Instant at, long total, Map<String, Long> counts) {

    public StageCounts {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** The customers in one stage, 0 when none. */
    public long count(String stage) {
        return counts.getOrDefault(stage, 0L);
    }
}
