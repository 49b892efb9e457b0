package io.lifestage.api.rules;

/**
 * The numbers rules compare metrics with, read from configuration keys {@code lifestage.threshold.<name>} so that
 * they can change without editing a rule. Rules reach them through the global {@code threshold}:
 * {@code orders >= threshold.get("loyalty-orders")}.
 */
public interface Thresholds {

    /**
     * The whole-number value of the named threshold.
     *
     * @throws IllegalArgumentException when no such threshold is configured
     */
    int get(String name);
}
