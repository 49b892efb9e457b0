package io.lifestage.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A failure Lifestage reports to a user: a stable code ({@code LS-STORE-0011}: an area and a number) and a message
 * naming the input and the place. The message as printed starts with the code, so that a log line, a command's error
 * and an HTTP error body can be searched for it; {@link #detail()} is the message without it. The engine's failures
 * (configuration, rule pack, classification, store, report, connector configuration) are all of this type, so that a
 * host catches one type and reads the {@link #area()} to decide what to do.
 */
public class LifestageException extends RuntimeException {

    private static final Pattern CODE = Pattern.compile("LS-[A-Z]+-\\d{4}");

    private final String code;
    private final String detail;

    /** A failure with its code and what went wrong. */
    public LifestageException(String code, String detail) {
        this(code, detail, null);
    }

    /** A failure caused by another exception. */
    public LifestageException(String code, String detail, Throwable cause) {
        super(checked(code) + " " + Objects.requireNonNull(detail, "detail"), cause);
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
}
