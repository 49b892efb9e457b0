package io.lifestage.engine.classify;

/** Turns Drools' compiler messages into one plain sentence: no error ids, positions or stack traces. */
final class DroolsMessages {

    private DroolsMessages() {
    }

    static String plain(String text) {
        String first = text.strip().lines().filter(line -> !line.isBlank()).findFirst().orElse(text).strip();
        // "[ERR 102] Line 5:12 mismatched input 'x' in rule "r"" → "mismatched input 'x' in rule "r""
        first = first.replaceFirst("^\\[ERR \\d+\\]\\s*", "").replaceFirst("^Line \\d+:\\d+\\s*", "");
        first = first.replaceFirst("^Rule Compilation error\\s*", "");
        return first.isEmpty() ? text.strip() : first;
    }
}
