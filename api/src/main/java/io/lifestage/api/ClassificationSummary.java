package io.lifestage.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one classification run did: how many facts it read and ignored, and how many customers landed in each stage.
 *
 * @param factsRead        facts consumed from the input
 * @param factsAfterAsOf   facts ignored because they happened after the as-of instant
 * @param customersByStage decisions per stage name, in the stage model's order, zero counts included
 * @param elapsed          wall-clock time of the run
 */
public record ClassificationSummary(long factsRead, long factsAfterAsOf, Map<String, Long> customersByStage,
                                    Duration elapsed) {

    public ClassificationSummary {
        customersByStage = Collections.unmodifiableMap(new LinkedHashMap<>(customersByStage));
    }

    /** Total number of customers classified. */
    public long customers() {
        return customersByStage.values().stream().mapToLong(Long::longValue).sum();
    }
}
