package io.lifestage.api.rules;

/**
 * How often and how recently one customer did each named event, as of the classification instant.
 * Counts are kept for the configured time windows; see {@link CustomerMetrics#countWithin(String, int)}.
 */
public interface EventHistory {

    /** The history of a customer who did no event at all (or whose events no rule reads). */
    EventHistory NONE = new EventHistory() {
        @Override
        public int countWithin(String event, int days) {
            return 0;
        }

        @Override
        public int daysSinceLast(String event) {
            return CustomerMetrics.NEVER;
        }
    };

    /** Number of events of this name in the last {@code days} days; {@code days} must be a configured window. */
    int countWithin(String event, int days);

    /** Whole days since the latest event of this name, or {@link CustomerMetrics#NEVER} if there was none. */
    int daysSinceLast(String event);
}
