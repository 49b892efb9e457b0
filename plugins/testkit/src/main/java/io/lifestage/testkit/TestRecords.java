package io.lifestage.testkit;

import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import java.time.Instant;
import java.util.List;

/**
 * Decisions and transitions for a sink's own tests, which care about the customer and the stages: the other fields
 * are filled in the same way everywhere, the rule named after the stage ({@code loyalty-rule}), the reason
 * {@code because} and the rule base version {@code v1}.
 */
public final class TestRecords {

    private TestRecords() {
    }

    /** The customer's decision: {@code stage} as of {@code asOf}, by rule {@code <stage>-rule}. */
    public static Decision decision(String customer, String stage, Instant asOf) {
        return new Decision(customer, stage, stage + "-rule", "because", asOf, "v1");
    }

    /**
     * The customer's move from {@code from} (null for a first stage) to {@code to} at {@code at}, allowed and without
     * actions: id {@code <customer>:<to>}, by rule {@code <to>-rule}.
     */
    public static Transition move(String customer, String from, String to, Instant at) {
        return move(customer, from, to, at, List.of(), Transition.Policy.ALLOWED);
    }

    /** The same move with these actions and this policy. */
    public static Transition move(String customer, String from, String to, Instant at, List<String> actions,
                                  Transition.Policy policy) {
        return new Transition(customer + ":" + to, customer, from, to, at, to + "-rule", "because", "v1", actions,
                policy);
    }
}
