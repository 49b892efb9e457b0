package io.lifestage.engine.scenario;

import io.lifestage.api.Event;
import java.time.Instant;
import java.util.List;

/**
 * One expectation about the rule pack: these events of one customer, classified as of this instant, give this stage
 * (and, when named, this rule), and, when listed, fire exactly these actions by then.
 *
 * @param file         the scenario file, relative to the rules directory
 * @param line         the line of the scenario's {@code name}
 * @param name         what the scenario shows, in words
 * @param asOf         the instant to classify as of
 * @param customerId   the customer the events belong to
 * @param events       the customer's events
 * @param expectedStage the stage the rules must decide
 * @param expectedRule the rule that must decide, or null when any rule will do
 * @param expectedActions the actions (of journeys and transitions) that must have fired by {@code asOf}, in time
 *                     order, or null when the scenario does not say
 */
public record Scenario(String file, int line, String name, Instant asOf, String customerId, List<Event> events,
                       String expectedStage, String expectedRule, List<Fired> expectedActions) {

    /** An action expected to fire at an instant. */
    public record Fired(String action, Instant at) {

        @Override
        public String toString() {
            return action + " at " + at;
        }
    }

    /** {@code file:line}, for reports. */
    public String location() {
        return file + ":" + line;
    }
}
