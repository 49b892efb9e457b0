package io.lifestage.engine.internal;

import java.sql.SQLException;

/**
 * Failures as a log may show them: by type, error code and SQLState, never by message. Messages carry customer data:
 * ours name the customer a rule failed for, a rule's own exception says what it likes, and a database quotes the
 * values of a row; a log line outlives every erasure.
 */
public final class Failures {

    private Failures() {
    }

    /** The stable code of a failure, such as {@code LS-RULE-0012}, or its type's simple name when it has none. */
    public static String code(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        return message.startsWith("LS-") ? message.split(" ", 2)[0] : failure.getClass().getSimpleName();
    }

    /**
     * The chain of causes by type, with our error codes (the first word of our messages) and SQLStates, e.g.
     * {@code io.lifestage.engine.store.StoreException LS-STORE-0002 <- org.h2.jdbc.JdbcSQLException SQLState 23505}.
     */
    public static String describe(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(typeAndCode(cause));
        }
        return chain.toString();
    }

    /** A copy of the failure and its causes with {@link #describe}'s words as messages and the same stack traces. */
    public static Throwable redacted(Throwable failure) {
        Redacted copy = new Redacted(typeAndCode(failure),
                failure.getCause() == null || failure.getCause() == failure ? null : redacted(failure.getCause()));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    private static String typeAndCode(Throwable failure) {
        String words = failure.getClass().getName();
        if (String.valueOf(failure.getMessage()).startsWith("LS-")) {
            words += " " + code(failure);
        }
        if (failure instanceof SQLException sql) {
            words += " SQLState " + sql.getSQLState();
        }
        return words;
    }

    /** A failure whose message was left out. */
    private static final class Redacted extends RuntimeException {

        Redacted(String typeAndCode, Throwable cause) {
            super(typeAndCode, cause, false, true);
        }
    }
}
