package io.lifestage.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's current stage as the stage store holds it: where they are, since when, and the decision that put
 * them there.
 *
 * @param customerId      the customer
 * @param stage           the stage they are in
 * @param since           when they entered it
 * @param rule            the rule that decided at the last evaluation
 * @param reason          why, in words
 * @param ruleBaseVersion the version of the rule base of the last evaluation
 * @param evaluatedAsOf   the as-of instant of the last evaluation
 */
public record CustomerStage(String customerId, String stage, Instant since, String rule, String reason,
                            String ruleBaseVersion, Instant evaluatedAsOf) {

    public CustomerStage {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(evaluatedAsOf, "evaluatedAsOf");
    }
}
