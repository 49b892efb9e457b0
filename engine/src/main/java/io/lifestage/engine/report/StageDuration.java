package io.lifestage.engine.report;

/**
 * Time spent in a stage: stays are from the move into the stage to the next move out of it.
 *
 * @param stage          the stage
 * @param completedStays stays that ended within the period
 * @param medianDays     the median length of those stays in days, null when there were none
 * @param ongoingStays   customers still in the stage at the end of the period
 */
public record StageDuration(String stage, long completedStays, Double medianDays, long ongoingStays) {
}
