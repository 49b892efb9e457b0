package io.lifestage.engine.classify;

import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.metrics.TimeReads;
import io.lifestage.engine.metrics.TimeReads.Metric;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds in a pack's rule conditions (DRL files and the rules generated from decision tables) every comparison of a
 * day-counted metric and the day value it is compared with — a number, or a configured threshold — so that a run
 * knows the instants at which a customer's stage can change with no new fact, however the analyst wrote the value.
 * A comparison whose day value cannot be known before a customer is classified (a variable, an expression) is a
 * problem ({@code LS-RULE-0015}) naming its file and line.
 */
final class TimeReadsFinder {

    private static final Pattern RULE_CONDITIONS = Pattern.compile("\\bwhen\\b(.*?)\\bthen\\b", Pattern.DOTALL);
    private static final String OPERAND = "(\\d+|threshold\\s*\\.\\s*get\\s*\\(\\s*\"([^\"]*)\"\\s*\\))";
    private static final Pattern OPERAND_AFTER = Pattern.compile(
            "\\G\\s*(?:\\(\\s*\\))?\\s*(?:>=|<=|==|!=|>|<)\\s*" + OPERAND);
    private static final Pattern OPERAND_MORE = Pattern.compile(
            "\\G\\s*(?:&&|\\|\\|)\\s*(?:>=|<=|==|!=|>|<)\\s*" + OPERAND);
    private static final Pattern OPERAND_BEFORE = Pattern.compile(
            OPERAND + "\\s*(?:>=|<=|==|!=|>|<)\\s*(?:\\$?\\w+\\s*\\.\\s*)?$");
    private static final Pattern PROPERTY = Pattern.compile(
            "(?<![\\w$])(daysSinceLastActivity|daysSinceFirstPurchase|daysSinceLastPurchase)(?![\\w$])");
    private static final Pattern LAST_EVENT = Pattern.compile("(?<![\\w$])daysSinceLast\\s*\\(\\s*([^()]*?)\\s*\\)");
    private static final Pattern WITHIN = Pattern.compile("(?<![\\w$])(didWithin|countWithin)\\s*\\(");
    private static final Pattern WITHIN_ARGUMENTS = Pattern.compile(
            "\\G\\s*(\"[^\"]*\"|[^,()]+?)\\s*,\\s*" + OPERAND + "\\s*\\)");
    private static final Pattern FROM_LIST = Pattern.compile("\\bfrom\\s*\\[([^\\]]*)\\]");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern CONTINUOUS = Pattern.compile(
            "(?<![\\w$])(asOf|firstSeen|lastSeen|lifetimeValue|eval)(?![\\w$])");
    private static final int UNKNOWN_THRESHOLD = Integer.MIN_VALUE;
    private static final Map<String, Metric> PROPERTIES = Map.of(
            "daysSinceLastActivity", Metric.DAYS_SINCE_LAST_ACTIVITY,
            "daysSinceFirstPurchase", Metric.DAYS_SINCE_FIRST_PURCHASE,
            "daysSinceLastPurchase", Metric.DAYS_SINCE_LAST_PURCHASE);

    private final RulePack pack;
    private final ConfiguredThresholds thresholds;
    private final List<RuleProblem> problems;
    private final Set<TimeReads.Read> reads = new LinkedHashSet<>();
    private boolean exact;

    private TimeReadsFinder(RulePack pack, ConfiguredThresholds thresholds, List<RuleProblem> problems) {
        this.pack = pack;
        this.thresholds = thresholds;
        this.problems = problems;
    }

    /** The time reads of every rule of the pack; adds a problem for each comparison it cannot place in time. */
    static TimeReads find(RulePack pack, ConfiguredThresholds thresholds, List<RuleProblem> problems) {
        TimeReadsFinder finder = new TimeReadsFinder(pack, thresholds, problems);
        pack.drlFiles.forEach(finder::file);
        return new TimeReads(new ArrayList<>(finder.reads), finder.exact);
    }

    private void file(String file, String text) {
        String code = RuleSandbox.codeOnly(text);
        Matcher rule = RULE_CONDITIONS.matcher(code);
        while (rule.find()) {
            int from = rule.start(1);
            int to = rule.end(1);
            String conditions = code.substring(from, to);
            String source = text.substring(from, to);
            exact |= CONTINUOUS.matcher(conditions).find();
            List<String> listed = listedEvents(conditions, source);
            for (Matcher property = PROPERTY.matcher(conditions); property.find(); ) {
                compared(file, text, from, source, property.start(), property.end(),
                        PROPERTIES.get(property.group(1)), null);
            }
            for (Matcher last = LAST_EVENT.matcher(conditions); last.find(); ) {
                for (String event : events(source.substring(last.start(1), last.end(1)), listed)) {
                    compared(file, text, from, source, last.start(), last.end(), Metric.DAYS_SINCE_LAST_EVENT,
                            event);
                }
            }
            for (Matcher within = WITHIN.matcher(conditions); within.find(); ) {
                Matcher arguments = WITHIN_ARGUMENTS.matcher(source).region(within.end(), source.length());
                if (!arguments.lookingAt()) {
                    refuse(file, text, from + within.start(), within.group(1) + "(…)", "its number of days");
                } else {
                    for (String event : events(arguments.group(1), listed)) {
                        add(within.group(1).equals("countWithin") ? Metric.COUNT_WITHIN
                                : Metric.DAYS_SINCE_LAST_EVENT, event, days(arguments.group(2), arguments.group(3)));
                    }
                }
            }
        }
    }

    /** A day-counted metric at [start, end) of the conditions: it must be compared with a known number of days. */
    private void compared(String file, String text, int offset, String source, int start, int end, Metric metric,
                          String event) {
        Matcher after = OPERAND_AFTER.matcher(source).region(end, source.length());
        Integer days = null;
        if (after.lookingAt()) {
            days = days(after.group(1), after.group(2));
            for (Matcher more = OPERAND_MORE.matcher(source).region(after.end(), source.length());
                 days != null && more.lookingAt(); more.region(more.end(), source.length())) {
                add(metric, event, days);
                days = days(more.group(1), more.group(2));
            }
        } else {
            Matcher before = OPERAND_BEFORE.matcher(source.substring(0, start));
            if (before.find()) {
                days = days(before.group(1), before.group(2));
            }
        }
        if (days == null) {
            refuse(file, text, offset + start, source.substring(start, end).strip(), "the value it is compared with");
        } else {
            add(metric, event, days);
        }
    }

    private void add(Metric metric, String event, int days) {
        if (days != UNKNOWN_THRESHOLD) {
            reads.add(new TimeReads.Read(metric, event, days));
        }
    }

    /**
     * The days of an operand: a number, or a configured threshold's value; {@link #UNKNOWN_THRESHOLD} for a threshold
     * that is not configured (a problem of its own).
     */
    private int days(String operand, String threshold) {
        if (threshold == null) {
            return Integer.parseInt(operand);
        }
        return thresholds.names().contains(threshold) ? thresholds.get(threshold) : UNKNOWN_THRESHOLD;
    }

    /**
     * The events an argument may name: a string literal names one; {@code this} of a rule that takes strings
     * {@code from [ "…", "…" ]} names those; anything else may be any event (a list holding null).
     */
    private static List<String> events(String argument, List<String> listed) {
        String trimmed = argument.strip();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return List.of(trimmed.substring(1, trimmed.length() - 1));
        }
        return trimmed.equals("this") && !listed.isEmpty() ? listed : java.util.Collections.singletonList(null);
    }

    /** The string literals of the rule's {@code from [ … ]} list, if it has one and it holds only literals. */
    private static List<String> listedEvents(String conditions, String source) {
        Matcher list = FROM_LIST.matcher(conditions);
        if (!list.find()) {
            return List.of();
        }
        String items = source.substring(list.start(1), list.end(1));
        List<String> events = new ArrayList<>();
        Matcher literal = LITERAL.matcher(items);
        int end = 0;
        while (literal.find()) {
            if (!items.substring(end, literal.start()).matches("\\s*,?\\s*")) {
                return List.of();
            }
            events.add(literal.group(1));
            end = literal.end();
        }
        return items.substring(end).isBlank() ? events : List.of();
    }

    private void refuse(String file, String text, int offset, String what, String unknown) {
        int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        problems.add(new RuleProblem("LS-RULE-0015", file, pack.sourceLine(file, line), what + " is counted in"
                + " days, but " + unknown + " is neither a number nor threshold.get(\"…\"), so a run cannot tell on"
                + " which day it changes the stage: compare it with a number or a configured threshold"));
    }
}
