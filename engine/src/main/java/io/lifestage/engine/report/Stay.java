package io.lifestage.engine.report;

import java.time.Instant;

/**
 * One customer's stay in a stage.
 *
 * @param customerId the customer
 * @param stage      the stage
 * @param entered    when the customer moved into it
 * @param exited     when they moved out of it, or null when they are still in it
 */
public record Stay(String customerId, String stage, Instant entered, Instant exited) {
}
