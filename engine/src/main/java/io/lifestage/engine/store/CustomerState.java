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

    /**
     * The state as the stage store and the stream node keep it, in epoch milliseconds: the stage's since counts only
     * with a stage, and an as-of of 0 means never evaluated.
     */
    public static CustomerState fromMillis(String customerId, String stage, long stageSince, long evaluatedAsOf) {
        return new CustomerState(customerId, stage, stage == null ? null : Instant.ofEpochMilli(stageSince),
                evaluatedAsOf == 0 ? null : Instant.ofEpochMilli(evaluatedAsOf));
    }

    /** The state of a customer never evaluated, with no stage: one new to the store, or without a row yet. */
    public static CustomerState unevaluated(String customerId) {
        return new CustomerState(customerId, null, null, null);
    }

    /** Whether a run has evaluated this customer before. */
    public boolean evaluated() {
        return evaluatedAsOf != null;
    }
}
