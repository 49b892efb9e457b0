package io.lifestage.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A failure Lifestage reports to a user: a stable code ({@code LS-STORE-0011}: an area and a number) and a message
 * naming the input and the place. The message as printed starts with the code, so that a log line, a command's error
 * and an HTTP error body can be searched for it; {@link #detail()} is the message without it. The engine's failures
 * (configuration, rule pack, classification, store, report, connector configuration) are all of this type, so that a
 * host catches one type and reads its {@link #kind()} to decide what to do: the command line's exit code and the
 * HTTP API's status derive from it.
 */
public class LifestageException extends RuntimeException {

    private static final Pattern CODE = Pattern.compile("LS-[A-Z]+-\\d{4}");

    private final Kind kind;
    private final String code;
    private final String detail;

    /** A failure of {@link Kind#FAILED kind FAILED} with its code and what went wrong. */
    public LifestageException(String code, String detail) {
        this(Kind.FAILED, code, detail, null);
    }

    /** A failure of {@link Kind#FAILED kind FAILED} caused by another exception. */
    public LifestageException(String code, String detail, Throwable cause) {
        this(Kind.FAILED, code, detail, cause);
    }

    /** A failure of the given kind; {@code cause} may be null. */
    public LifestageException(Kind kind, String code, String detail, Throwable cause) {
        super(checked(code) + " " + Objects.requireNonNull(detail, "detail"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = code;
        this.detail = detail;
    }

    private static String checked(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a Lifestage error code looks like LS-STORE-0011, got " + code);
        }
        return code;
    }

    /** The stable code, for example {@code LS-STORE-0011}. */
    public String code() {
        return code;
    }

    /** The area of the code, for example {@code STORE} for {@code LS-STORE-0011}. */
    public String area() {
        return code.substring(3, code.lastIndexOf('-'));
    }

    /** The message without its code. */
    public String detail() {
        return detail;
    }

    /** Whose failure this is, and whether trying again can help. */
    public final Kind kind() {
        return kind;
    }

    /** What a caller can do about a failure. */
    public enum Kind {
        /** The request itself is wrong (an unknown stage, a period that ends before it starts): change it. */
        INVALID_REQUEST,
        /** The rule pack does not compile or does not pass its checks: fix the rules. */
        INVALID_RULES,
        /** A setting or a connector's configuration is wrong: fix the configuration. */
        INVALID_CONFIGURATION,
        /** A dependency (the stage store's database) is out of reach for now: the same call may succeed later. */
        UNAVAILABLE,
        /** The work failed for another reason (a failing rule, a database that refused a statement). */
        FAILED
    }
}
