package io.lifestage.engine.classify;

/**
 * The rule base could not classify a customer: no rule decided, a rule failed or overran a limit, or it named an
 * unknown stage. The message starts with the {@linkplain #code() code}.
 */
public final class ClassificationException extends RuntimeException {

    private final String code;
    private final String rule;

    ClassificationException(String code, String rule, String message, Throwable cause) {
        super(code + " " + message, cause);
        this.code = code;
        this.rule = rule;
    }

    /** The stable code, for example {@code LS-RULE-0012}. */
    public String code() {
        return code;
    }

    /** The rule concerned, or null when no rule is (no rule decided). */
    public String rule() {
        return rule;
    }
}
