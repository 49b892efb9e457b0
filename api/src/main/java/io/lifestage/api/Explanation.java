package io.lifestage.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why a customer got their stage: every rule that matched them, highest priority first, the one that decided, and
 * the values the deciding rule read (metrics and thresholds), in the order the rule mentions them.
 *
 * @param decision the decision being explained
 * @param matches  every rule whose conditions held, highest salience first
 * @param inputs   what the deciding rule read, for example {@code countWithin("Order Completed", 365) = 6}
 */
public record Explanation(Decision decision, List<RuleMatch> matches, Map<String, Object> inputs) {

    /**
     * One rule whose conditions held for the customer.
     *
     * @param rule     the rule's name
     * @param salience its priority: the highest-salience match decides
     * @param decided  whether this rule made the decision
     */
    public record RuleMatch(String rule, int salience, boolean decided) {
    }

    public Explanation {
        Objects.requireNonNull(decision, "decision");
        matches = List.copyOf(matches);
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }
}
