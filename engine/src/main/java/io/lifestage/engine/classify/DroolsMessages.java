package io.lifestage.engine.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Drools' compiler messages into one plain sentence: no error ids, positions, stack traces or class names. */
final class DroolsMessages {

    private static final Pattern MVEL_ERROR = Pattern.compile("\\[Error: ([^\\]\\n]+)\\]");
    private static final Pattern NO_PROPERTY = Pattern.compile(
            "unable to resolve method using strict-mode: (?:[\\w$]+\\.)*?(\\w+)\\.(\\w+)\\(\\)");

    private DroolsMessages() {
    }

    static String plain(String text) {
        Matcher mvel = MVEL_ERROR.matcher(text);
        if (mvel.find()) {
            Matcher property = NO_PROPERTY.matcher(mvel.group(1));
            return property.find()
                    ? "'" + property.group(2) + "' is not a property of " + property.group(1)
                            + " (docs/rule-authoring.md lists what rules can read)"
                    : mvel.group(1).strip();
        }
        String first = text.strip().lines().filter(line -> !line.isBlank()).findFirst().orElse(text).strip();
        // "[ERR 102] Line 5:12 mismatched input 'x' in rule "r"" becomes "mismatched input 'x' in rule "r""
        first = first.replaceFirst("^\\[ERR \\d+\\]\\s*", "").replaceFirst("^Line \\d+:\\d+\\s*", "");
        first = first.replaceFirst("^Rule Compilation error\\s*", "");
        return first.isEmpty() ? text.strip() : first;
    }

    /** Messages that only repeat another one in Drools' internal terms (generated class names, the null package). */
    static boolean isEcho(String text) {
        return text.contains("Parser returned a null Package")
                || text.matches("(?s).*The type Rule_\\w+ is already defined.*");
    }
}
