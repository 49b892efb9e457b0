package io.lifestage.engine.report;

/**
 * One measure of the scorecard, under the stage it measures (see docs/reports.md for each measure's formula).
 *
 * @param stage  the stage the measure belongs to, or null for measures of every stage (revenue, lifetime value)
 * @param name   the measure, in snake case: {@code visits}, {@code lead_conversion_rate}, {@code nps}, ...
 * @param kind   what the number is, which says how it is shown and how its change is counted
 * @param value  the measure, null when it has no value in the period (a rate of nobody, no survey answer)
 * @param change in a period-over-period table, the value minus the previous period's (in percentage points for
 *               rates); null otherwise, or when either value is missing
 */
public record Kpi(String stage, String name, Kind kind, Double value, Double change) {

    /** What a measure's number is. */
    public enum Kind {
        /** A number of customers, events or sessions. */
        COUNT,
        /** A share from 0 to 1; its change is in percentage points. */
        RATE,
        /** An amount of money, in the currency of the events. */
        AMOUNT,
        /** A number of days. */
        DAYS,
        /** A score such as the NPS, from -100 to 100. */
        SCORE
    }

    /** The same measure with its change from the same measure of an earlier period. */
    Kpi since(Kpi before) {
        if (value == null || before == null || before.value == null) {
            return this;
        }
        double difference = kind == Kind.RATE ? (value - before.value) * 100 : value - before.value;
        return new Kpi(stage, name, kind, value, Math.round(difference * 100) / 100.0);
    }
}
