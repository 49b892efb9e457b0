package io.lifestage.api;

import java.time.Instant;
import java.util.Objects;

/**
 * The stage the rule base put one customer in, as of an instant, and why.
 *
 * @param customerId      the customer
 * @param stage           the name of a stage of the rule pack's {@link StageModel}
 * @param rule            the name of the rule that decided
 * @param reason          a sentence for humans, with the metric values the rule looked at
 * @param asOf            the instant the customer was classified as of
 * @param ruleBaseVersion the version of the rule base that decided (a digest of its files)
 */
public record Decision(String customerId, String stage, String rule, String reason, Instant asOf,
                       String ruleBaseVersion) {

    public Decision {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(ruleBaseVersion, "ruleBaseVersion");
    }
}
