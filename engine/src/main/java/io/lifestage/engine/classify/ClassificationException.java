package io.lifestage.engine.classify;

/** The rule base could not classify a customer: no rule decided, a rule failed, or it named an unknown stage. */
public final class ClassificationException extends RuntimeException {

    ClassificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
