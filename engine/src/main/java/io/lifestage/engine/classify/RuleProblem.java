package io.lifestage.engine.classify;

/**
 * One thing wrong with a rule pack, where it is and what to do.
 *
 * @param code    a stable code, for example {@code LS-RULE-0002}
 * @param file    the file, relative to the rules directory
 * @param line    1-based line, or 0 when the problem is not on one line
 * @param message what is wrong, in an analyst's words
 */
public record RuleProblem(String code, String file, int line, String message) {

    /** Whether it is a warning — legal, but probably not meant — rather than an error: codes from 0100 up. */
    public boolean isWarning() {
        return code.matches("LS-RULE-01\\d\\d");
    }

    /** {@code LS-RULE-0002 stages.drl:42: …}, the form editors and CI logs link to. */
    @Override
    public String toString() {
        return code + " " + file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
