package io.lifestage.engine.store;

/**
 * A customer's row of the stage store before a run evaluates them.
 *
 * @param customerId    the customer
 * @param stage         the current stage, or null when the customer has none yet
 * @param stageSince    epoch milliseconds the customer entered it, or 0
 * @param evaluatedAsOf the as-of instant of the last evaluation, epoch milliseconds; 0 when never evaluated
 */
public record CustomerState(String customerId, String stage, long stageSince, long evaluatedAsOf) {

    /** Whether a run has evaluated this customer before. */
    public boolean evaluated() {
        return evaluatedAsOf != 0;
    }
}
