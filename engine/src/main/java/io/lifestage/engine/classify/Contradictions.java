package io.lifestage.engine.classify;

import io.lifestage.api.rules.Thresholds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules whose conditions contradict each other, so they can never fire ({@code LS-RULE-0106}): an interval analysis of
 * the simple constraints on the customer — a property compared with a number or a threshold ({@code orders > 5},
 * {@code orders < threshold.get("x")}), a flag or its negation ({@code customer}, {@code !customer},
 * {@code customer == true}). {@code customer} means {@code purchases >= 1}. A pattern with {@code ||} or any other
 * constraint is left alone: the analysis only speaks when it is sure.
 */
final class Contradictions {

    private static final Pattern CUSTOMER_PATTERN = Pattern.compile("CustomerMetrics\\s*\\(");
    private static final Pattern COMPARISON = Pattern.compile(
            "^([a-zA-Z]\\w*)\\s*(>=|<=|==|>|<)\\s*(-?\\d+(?:\\.\\d+)?|threshold\\.get\\(\\s*\"([^\"]+)\"\\s*\\))$");
    private static final Pattern FLAG = Pattern.compile("^(!?)\\s*([a-zA-Z]\\w*)(?:\\s*==\\s*(true|false))?$");
    /** Conditional elements under which a pattern need not hold for the rule to fire. */
    private static final Pattern NOT_PLAIN = Pattern.compile("\\b(not|or|forall|exists|accumulate|collect)\\b");
    private static final Set<String> DECIMALS = Set.of("revenue", "averageOrderValue",
            "lifetimeValue");

    /** Bounds of one property: the tightest lower and upper bound seen, with the constraints that set them. */
    private static final class Interval {
        double low = Double.NEGATIVE_INFINITY;
        boolean lowOpen;
        String lowText;
        double high = Double.POSITIVE_INFINITY;
        boolean highOpen;
        String highText;

        void atLeast(double value, boolean open, String text) {
            if (value > low || value == low && open) {
                low = value;
                lowOpen = open;
                lowText = text;
            }
        }

        void atMost(double value, boolean open, String text) {
            if (value < high || value == high && open) {
                high = value;
                highOpen = open;
                highText = text;
            }
        }

        /** Whether no value fits; {@code whole} when the property holds whole numbers only. */
        boolean isEmpty(boolean whole) {
            if (!whole) {
                return low > high || low == high && (lowOpen || highOpen);
            }
            double least = lowOpen ? Math.floor(low) + 1 : Math.ceil(low);
            double most = highOpen ? Math.ceil(high) - 1 : Math.floor(high);
            return least > most;
        }
    }

    private Contradictions() {
    }

    static List<RuleProblem> of(RuleCatalog rules, Thresholds thresholds) {
        List<RuleProblem> warnings = new ArrayList<>();
        for (RuleCatalog.Entry rule : rules.entries()) {
            contradiction(rule.conditions(), thresholds).ifPresent(why -> warnings.add(new RuleProblem(
                    "LS-RULE-0106", rule.file(), rule.line(), "rule '" + rule.name() + "' can never fire: " + why)));
        }
        return warnings;
    }

    /** Why no customer can satisfy the conditions, or empty when some may (or the analysis cannot tell). */
    static Optional<String> contradiction(String conditions, Thresholds thresholds) {
        Map<String, Interval> bounds = new LinkedHashMap<>();
        String code = RuleSandbox.codeOnly(conditions);
        if (NOT_PLAIN.matcher(code).find()) {
            return Optional.empty();
        }
        Matcher pattern = CUSTOMER_PATTERN.matcher(code);
        while (pattern.find()) {
            int end = closingParenthesis(code, pattern.end());
            if (end < 0) {
                return Optional.empty();
            }
            String body = conditions.substring(pattern.end(), end);
            if (body.contains("||")) {
                continue;
            }
            for (String constraint : topLevel(body)) {
                add(bounds, constraint.strip(), thresholds);
            }
        }
        for (Map.Entry<String, Interval> bound : bounds.entrySet()) {
            Interval interval = bound.getValue();
            boolean whole = !DECIMALS.contains(bound.getKey());
            if (interval.lowText != null && interval.highText != null && interval.isEmpty(whole)) {
                return Optional.of("'" + interval.lowText + "' and '" + interval.highText + "' cannot both hold");
            }
        }
        return Optional.empty();
    }

    private static void add(Map<String, Interval> bounds, String constraint, Thresholds thresholds) {
        Matcher comparison = COMPARISON.matcher(constraint);
        if (comparison.matches()) {
            double value;
            try {
                value = comparison.group(4) != null ? thresholds.get(comparison.group(4))
                        : Double.parseDouble(comparison.group(3));
            } catch (IllegalArgumentException unknown) {
                return;
            }
            Interval interval = bounds.computeIfAbsent(comparison.group(1), name -> new Interval());
            String op = comparison.group(2);
            if (op.startsWith(">") || op.equals("==")) {
                interval.atLeast(value, op.equals(">"), constraint);
            }
            if (op.startsWith("<") || op.equals("==")) {
                interval.atMost(value, op.equals("<"), constraint);
            }
            return;
        }
        Matcher flag = FLAG.matcher(constraint);
        if (flag.matches()) {
            boolean wanted = flag.group(1).isEmpty() == !"false".equals(flag.group(3));
            String property = flag.group(2).equals("customer") ? "purchases" : flag.group(2);
            Interval interval = bounds.computeIfAbsent(property, name -> new Interval());
            if (wanted) {
                interval.atLeast(1, false, constraint);
            } else {
                interval.atMost(0, false, constraint);
            }
        }
    }

    /** The constraints of a pattern: split at commas and {@code &&} outside brackets and strings. */
    private static List<String> topLevel(String body) {
        List<String> parts = new ArrayList<>();
        String code = RuleSandbox.codeOnly(body);
        int depth = 0;
        int start = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
            boolean and = code.startsWith("&&", i);
            if (depth == 0 && (c == ',' || and)) {
                parts.add(body.substring(start, i));
                start = and ? i + 2 : i + 1;
                i = start - 1;
            }
        }
        parts.add(body.substring(start));
        return parts;
    }

    private static int closingParenthesis(String code, int from) {
        int depth = 1;
        for (int i = from; i < code.length(); i++) {
            depth += code.charAt(i) == '(' ? 1 : code.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
