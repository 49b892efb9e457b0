package io.lifestage.engine.report;

import java.time.Period;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A calendar period a report counts customers every, or compares its scorecard by, named as the command line and
 * the HTTP API take it: {@code month} (or {@code monthly}, for the command line's {@code --snapshots}).
 */
public enum CalendarStep {
    DAY("daily", Period.ofDays(1)),
    WEEK("weekly", Period.ofWeeks(1)),
    MONTH("monthly", Period.ofMonths(1)),
    QUARTER("quarterly", Period.ofMonths(3)),
    YEAR("yearly", Period.ofYears(1));

    private final String adverb;
    private final Period length;

    CalendarStep(String adverb, Period length) {
        this.adverb = adverb;
        this.length = length;
    }

    /** How long one step is, in UTC calendar terms. */
    public Period length() {
        return length;
    }

    /** Whether a scorecard compares periods of this length: a month, a quarter or a year. */
    public boolean comparable() {
        return this == MONTH || this == QUARTER || this == YEAR;
    }

    /** The step of a name ({@code day}, {@code week}, {@code month}, {@code quarter}, {@code year}), if any. */
    public static Optional<CalendarStep> named(String name) {
        return Arrays.stream(values()).filter(step -> step.name().toLowerCase(Locale.ROOT).equals(name)).findFirst();
    }

    /** The period a scorecard compares by, of this name ({@code month}, {@code quarter}, {@code year}), if any. */
    public static Optional<Period> comparedBy(String name) {
        return named(name).filter(CalendarStep::comparable).map(CalendarStep::length);
    }

    /** The step of an adverb ({@code daily}, {@code weekly}, {@code monthly}, {@code quarterly}, {@code yearly}). */
    public static Optional<CalendarStep> ofAdverb(String adverb) {
        return Arrays.stream(values()).filter(step -> step.adverb.equals(adverb)).findFirst();
    }
}
