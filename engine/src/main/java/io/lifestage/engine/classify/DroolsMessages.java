package io.lifestage.engine.classify;

import io.lifestage.engine.internal.Suggestions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Drools' compiler messages into one plain sentence: no error ids, positions, stack traces or class names. */
final class DroolsMessages {

    private static final Pattern MVEL_ERROR = Pattern.compile("\\[Error: ([^\\]\\n]+)\\]");
    private static final Pattern NO_PROPERTY = Pattern.compile(
            "unable to resolve method using strict-mode: (?:[\\w$]+\\.)*?(\\w+)\\.(\\w+)\\(\\)");

    private static final Pattern PARSER_INPUT = Pattern.compile(
            "^(no viable alternative|mismatched input|extraneous input) (?:at input )?'([^']*)'");
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("^Unable to resolve ObjectType '(\\w+)'");
    private static final Pattern LINE_IN_TEXT = Pattern.compile("\\[Line: (\\d+)");
    private static final Pattern RULE_IN_TEXT = Pattern.compile("\\[Rule name='([^']+)'\\]");
    private static final Pattern EXPRESSION_IN_TEXT = Pattern.compile("^Unable to Analyse Expression (.+?):?$",
            Pattern.MULTILINE);

    private DroolsMessages() {
    }

    /**
     * The DRL line of a message: Drools' own when it gives one, else the line declaring the rule it names, else the
     * line holding the expression it quotes, else the line its text mentions (MVEL counts from the expression, so
     * this comes last), else 0.
     */
    static int line(int reported, String text, String drl) {
        if (reported > 0) {
            return reported;
        }
        Matcher rule = RULE_IN_TEXT.matcher(text);
        if (rule.find() && drl != null) {
            Matcher declaration = Pattern.compile("^[ \\t]*rule\\s+\"?" + Pattern.quote(rule.group(1)) + "\"?",
                    Pattern.MULTILINE).matcher(drl);
            if (declaration.find()) {
                return (int) drl.substring(0, declaration.start()).chars().filter(c -> c == '\n').count() + 1;
            }
        }
        Matcher expression = EXPRESSION_IN_TEXT.matcher(text);
        if (expression.find() && drl != null) {
            int at = drl.indexOf(expression.group(1).strip());
            if (at >= 0) {
                return (int) drl.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
            }
        }
        Matcher inText = LINE_IN_TEXT.matcher(text);
        return inText.find() ? Integer.parseInt(inText.group(1)) : 0;
    }

    static String plain(String text) {
        Matcher mvel = MVEL_ERROR.matcher(text);
        if (mvel.find()) {
            Matcher property = NO_PROPERTY.matcher(mvel.group(1));
            return property.find()
                    ? "'" + property.group(2) + "' is not a property of " + property.group(1)
                            + " (docs/rule-authoring.md lists what rules can read)"
                            + Suggestions.didYouMean(property.group(2), RuleReads.PROPERTIES)
                    : mvel.group(1).strip();
        }
        String first = text.strip().lines().filter(line -> !line.isBlank()).findFirst().orElse(text).strip();
        // "[ERR 102] Line 5:12 mismatched input 'x' in rule "r"" becomes "mismatched input 'x' in rule "r""
        first = first.replaceFirst("^\\[ERR \\d+\\]\\s*", "").replaceFirst("^Line \\d+:\\d+\\s*", "");
        first = first.replaceFirst("^Rule Compilation error\\s*", "");
        return first.isEmpty() ? text.strip() : first + hint(first);
    }

    /** What a parser or type message means for the analyst, after it. */
    private static String hint(String message) {
        Matcher unread = PARSER_INPUT.matcher(message);
        if (unread.find()) {
            return unread.group(1).equals("no viable alternative")
                    ? ": the rule cannot be read at '" + unread.group(2) + "'; look for a missing or extra bracket,"
                            + " comma, quote or operator just before it"
                    : ": '" + unread.group(2) + "' is not expected there; something is missing before it (a closing"
                            + " bracket, 'when', 'then' or 'end'?)";
        }
        Matcher type = UNKNOWN_TYPE.matcher(message);
        return type.find() ? Suggestions.didYouMean(type.group(1), List.of("CustomerMetrics", "String")) : "";
    }

    /** Messages that only repeat another one in Drools' internal terms (generated class names, the null package). */
    static boolean isEcho(String text) {
        return text.contains("Parser returned a null Package")
                || text.matches("(?s).*The type Rule_\\w+ is already defined.*");
    }
}
