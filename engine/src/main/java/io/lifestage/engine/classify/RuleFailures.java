package io.lifestage.engine.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names what failed while a customer was classified, in an analyst's words: the rule (a failing condition is not a
 * firing, so Drools' own text is searched for it), its file and line, and why, never a bare {@code null}.
 */
final class RuleFailures {

    /** Drools names the rule of a failing condition: "Error evaluating constraint '…' in [Rule "name" in file]". */
    private static final Pattern FAILED_CONDITION_RULE = Pattern.compile("\\[Rule \"([^\"]+)\" in ");
    private static final Pattern FAILED_CONDITION = Pattern.compile("Error evaluating constraint '(.+?)' in \\[Rule");
    /** MVEL quotes the expression it failed on: "[Near : {... firstSeen > "2026-01-01" ....}]". */
    private static final Pattern NEAR_EXPRESSION = Pattern.compile("\\[Near : \\{\\.\\.\\. (.+?) \\.\\.\\.\\.\\}\\]");
    private static final Pattern INCOMPATIBLE_TYPES = Pattern.compile(
            "incompatible types in statement: class (?:[\\w$]+\\.)*(\\w+)"
                    + " \\(compared from: class (?:[\\w$]+\\.)*(\\w+)\\)");

    private RuleFailures() {
    }

    /**
     * The rule a failure names, else the rule whose conditions hold the expression it quotes, else {@code firing}, the
     * rule firing when it failed (may be null).
     */
    static String rule(Throwable failure, RuleCatalog rules, String firing) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            Matcher named = FAILED_CONDITION_RULE.matcher(String.valueOf(e.getMessage()));
            if (named.find()) {
                return named.group(1);
            }
            Matcher near = NEAR_EXPRESSION.matcher(String.valueOf(e.getMessage()));
            if (near.find()) {
                String expression = near.group(1).strip();
                for (RuleCatalog.Entry entry : rules.entries()) {
                    if (entry.conditions().contains(expression)) {
                        return entry.name();
                    }
                }
            }
        }
        return firing;
    }

    /** {@code rule 'name' (file:line)}, without the place when the pack does not place it; "a rule" for none. */
    static String described(String rule, RuleCatalog rules) {
        if (rule == null) {
            return "a rule";
        }
        return "rule '" + rule + "'" + rules.find(rule).filter(entry -> entry.line() > 0)
                .map(entry -> " (" + entry.file() + ":" + entry.line() + ")").orElse("");
    }

    /** Why it failed: a missing value or values that cannot be compared in plain words, else the cause's message. */
    static String cause(Throwable failure) {
        Throwable root = failure;
        String condition = null;
        while (root.getCause() != null && root.getCause() != root) {
            Matcher failed = FAILED_CONDITION.matcher(String.valueOf(root.getMessage()));
            condition = failed.find() ? failed.group(1) : condition;
            root = root.getCause();
        }
        if (root instanceof NullPointerException && condition != null) {
            return "the condition '" + condition + "' reads a value this customer does not have (null, for example"
                    + " lastSeen of a customer never seen): check it first, as in 'lastSeen != null && …'";
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        Matcher types = INCOMPATIBLE_TYPES.matcher(message);
        if (types.find()) {
            return "it compares a value of type " + types.group(2) + " with one of type " + types.group(1)
                    + " (a date with a text?): compare like with like";
        }
        return message.contains("[Error:") ? DroolsMessages.plain(message) : message;
    }
}
