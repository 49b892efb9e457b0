package io.lifestage.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A customer's move from one stage to another: the event lifecycle marketing acts on.
 *
 * @param id              a stable identifier: the same move of the same customer at the same instant always has the
 *                        same id, so that receivers can drop duplicates of an at-least-once delivery
 * @param customerId      the customer
 * @param from            the stage before, or null when the customer had none (their first stage)
 * @param to              the stage the rule base decided
 * @param at              when the move happened (the as-of instant of the run that saw it)
 * @param rule            the rule that decided
 * @param reason          why, in words, with the values the rule read
 * @param ruleBaseVersion the version of the rule base that decided
 * @param actions         the lifecycle actions the rule pack attaches to this move, for example
 *                        {@code welcome-series}, but those the customer is held out of; empty when none, and for a
 *                        refused move. Not filtered by age: a move older than the actions' maximum age still names
 *                        actions that were never handed out, so act on {@link ActionFired}s, not on this list
 * @param policy          what the rule pack's transition policy said of the move
 */
public record Transition(String id, String customerId, String from, String to, Instant at, String rule,
                         String reason, String ruleBaseVersion, List<String> actions, Policy policy) {

    /** What the transition policy said of a move. */
    public enum Policy {
        /** The policy allows the move; the customer is now in {@code to}. */
        ALLOWED,
        /** The policy does not allow the move but keeps it; the customer is now in {@code to}. */
        KEPT_AGAINST_POLICY,
        /** The policy refused the move; the customer stays in {@code from}, and the move is only reported. */
        REFUSED
    }

    public Transition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ruleBaseVersion, "ruleBaseVersion");
        actions = List.copyOf(actions);
        Objects.requireNonNull(policy, "policy");
    }

    /** Whether the customer is in {@code to} after this transition, that is, it was not refused. */
    public boolean applied() {
        return policy != Policy.REFUSED;
    }
}
