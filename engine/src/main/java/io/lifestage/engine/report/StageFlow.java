package io.lifestage.engine.report;

/**
 * How many moves entered and left a stage in a period (transitions not refused, after {@code from} up to and
 * including {@code to}); the stage's count at {@code to} is its count at {@code from} plus entered minus exited.
 *
 * @param stage   the stage
 * @param entered moves into it
 * @param exited  moves out of it
 */
public record StageFlow(String stage, long entered, long exited) {
}
