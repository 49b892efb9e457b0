package io.lifestage.engine.report;

import java.time.Instant;
import java.util.List;

/**
 * The stage counts and the scorecard of a period broken down by a declared attribute's value as of the period's end
 * (a channel, a country): one group per value of the most common ones, then the customers of every other value, then
 * those without a value, as {@link Reports#breakdown} computes it and {@link ReportFormat} renders it.
 *
 * @param attribute the declared attribute
 * @param from      the start of the period
 * @param to        its end, the instant each customer's value is taken at
 * @param stages    the stages in funnel order, with their roles
 * @param groups    the groups, most customers first, then other values, then no value; each present only when not
 *                  empty
 */
public record AttributeBreakdown(String attribute, Instant from, Instant to, ReportStages stages,
                                 List<Group> groups) {

    public AttributeBreakdown {
        groups = List.copyOf(groups);
    }

    /** Which customers a group holds. */
    public enum Kind {
        /** The customers whose value is the group's. */
        VALUE,
        /** The customers of every value not shown on its own. */
        OTHER,
        /** The customers without a value. */
        NONE
    }

    /**
     * The customers of one value, or of the other values, or of none.
     *
     * @param value     the value, or null for the other values and for no value
     * @param kind      which customers the group holds
     * @param customers customers with a fact by the period's end
     * @param stages    the group's customers per stage at the period's end
     * @param scorecard the scorecard of the group's customers over the period (see {@link Kpi})
     */
    public record Group(String value, Kind kind, long customers, StageCounts stages, List<Kpi> scorecard) {

        public Group {
            scorecard = List.copyOf(scorecard);
        }

        /** The value, or {@code (other)} or {@code (none)}: how every format names the group. */
        public String label() {
            return switch (kind) {
                case VALUE -> value;
                case OTHER -> "(other)";
                case NONE -> "(none)";
            };
        }
    }
}
