package io.lifestage.engine.store;

import java.time.Instant;

/**
 * A customer's row of the stage store before a run evaluates them.
 *
 * @param customerId    the customer
 * @param stage         the current stage, or null when the customer has none yet
 * @param stageSince    when the customer entered it, or null with no stage
 * @param evaluatedAsOf the as-of instant of the last evaluation, or null when never evaluated
 */
public record CustomerState(String customerId, String stage, Instant stageSince, Instant evaluatedAsOf) {

    /** Whether a run has evaluated this customer before. */
    public boolean evaluated() {
        return evaluatedAsOf != null;
    }
}
