package io.lifestage.api.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A connector cannot go on. {@link #retriable()} says whether the same call may succeed later (a timeout, a busy
 * server) or whether the engine must stop using the connector (bad configuration, a missing file). Make one with
 * {@link #fatal(String)} or {@link #retriable(String)}. A retriable failure may say how long to wait
 * ({@link #retryAfter(Duration)}, for example from an HTTP {@code Retry-After} header); the engine then pauses that
 * long, up to its {@code lifestage.retry.max-pause}, instead of its own growing pause.
 *
 * <p>The message says what went wrong and what to do, without the connector's name: the engine puts
 * {@code connector '<name>': } in front of the message of every {@code ConnectorException} a source or sink throws
 * (unless the message already starts with it, as a plugin written for an earlier version may do).
 */
public class ConnectorException extends RuntimeException {

    private final boolean retriable;
    private Duration retryAfter;

    /**
     * A failure with a message saying what went wrong.
     *
     * @deprecated a positional boolean hides which kind of failure it is; use {@link #fatal(String)} or
     *             {@link #retriable(String)}
     */
    @Deprecated(forRemoval = false)
    public ConnectorException(String message, boolean retriable) {
        this(retriable, message, null);
    }

    /**
     * A failure caused by another exception.
     *
     * @deprecated a positional boolean hides which kind of failure it is; use {@link #fatal(String, Throwable)} or
     *             {@link #retriable(String, Throwable)}
     */
    @Deprecated(forRemoval = false)
    public ConnectorException(String message, boolean retriable, Throwable cause) {
        this(retriable, message, cause);
    }

    private ConnectorException(boolean retriable, String message, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /**
     * A failure that waiting will not cure (bad configuration, a missing file, a refused login): the engine stops the
     * run.
     */
    public static ConnectorException fatal(String message) {
        return new ConnectorException(false, message, null);
    }

    /** A failure that waiting will not cure, caused by another exception. */
    public static ConnectorException fatal(String message, Throwable cause) {
        return new ConnectorException(false, message, cause);
    }

    /** A failure that may pass (a timeout, a busy server): the engine pauses and makes the same call again. */
    public static ConnectorException retriable(String message) {
        return new ConnectorException(true, message, null);
    }

    /** A failure that may pass, caused by another exception. */
    public static ConnectorException retriable(String message, Throwable cause) {
        return new ConnectorException(true, message, cause);
    }

    /** Whether retrying the same call may succeed. */
    public boolean retriable() {
        return retriable;
    }

    /**
     * Asks the engine to wait this long before the next attempt, as the remote side said (a {@code Retry-After}
     * header, a rate-limit window): {@code throw ConnectorException.retriable("HTTP 429").retryAfter(wait)}.
     *
     * @return this exception
     * @throws IllegalStateException    on a failure that is not {@link #retriable()}
     * @throws IllegalArgumentException when the pause is negative
     */
    public ConnectorException retryAfter(Duration pause) {
        Objects.requireNonNull(pause, "pause");
        if (!retriable) {
            throw new IllegalStateException("only a retriable failure can ask for a pause before a retry", this);
        }
        if (pause.isNegative()) {
            throw new IllegalArgumentException("the pause before a retry must not be negative, got " + pause);
        }
        this.retryAfter = pause;
        return this;
    }

    /** The pause asked for with {@link #retryAfter(Duration)}; empty when the engine chooses it. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
