package io.lifestage.api.rules;

/**
 * Where a rule's consequence records its decision, through the global {@code verdict}:
 * {@code verdict.assign("churn", "no activity for " + $c.daysSinceLastActivity() + " days")}.
 * The engine records which rule called it.
 */
public interface Verdict {

    /**
     * Puts the customer being classified in the named stage for the given reason.
     *
     * @param stage  a stage the rule pack's stage model declares
     * @param reason a sentence for humans saying which facts decided
     */
    void assign(String stage, String reason);
}
