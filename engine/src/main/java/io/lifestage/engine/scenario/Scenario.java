package io.lifestage.engine.scenario;

import io.lifestage.api.Event;
import java.time.Instant;
import java.util.List;

/**
 * One expectation about the rule pack: these events of one customer, classified as of this instant, give this stage
 * (and, when named, this rule).
 *
 * @param file         the scenario file, relative to the rules directory
 * @param line         the line of the scenario's {@code name}
 * @param name         what the scenario shows, in words
 * @param asOf         the instant to classify as of
 * @param customerId   the customer the events belong to
 * @param events       the customer's events
 * @param expectedStage the stage the rules must decide
 * @param expectedRule the rule that must decide, or null when any rule will do
 */
public record Scenario(String file, int line, String name, Instant asOf, String customerId, List<Event> events,
                       String expectedStage, String expectedRule) {

    /** {@code file:line}, for reports. */
    public String location() {
        return file + ":" + line;
    }
}
