package io.lifestage.engine.classify;

import io.lifestage.api.LifestageException;

/**
 * The rule base could not classify a customer: no rule decided, a rule failed or overran a limit, or it named an
 * unknown stage. The message starts with the {@linkplain #code() code}.
 */
public final class ClassificationException extends LifestageException {

    private final String rule;

    ClassificationException(String code, String rule, String message, Throwable cause) {
        super(code, message, cause);
        this.rule = rule;
    }

    /** The rule concerned, or null when no rule is (no rule decided). */
    public String rule() {
        return rule;
    }
}
