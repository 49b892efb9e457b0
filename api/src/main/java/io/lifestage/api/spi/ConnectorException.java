package io.lifestage.api.spi;

/**
 * A connector cannot go on. {@link #retriable()} says whether the same call may succeed later (a timeout, a busy
 * server) or whether the engine must stop using the connector (bad configuration, a missing file).
 */
public class ConnectorException extends RuntimeException {

    private final boolean retriable;

    /** A failure with a message naming the connector and what went wrong. */
    public ConnectorException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    /** A failure caused by another exception. */
    public ConnectorException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** Whether retrying the same call may succeed. */
    public boolean retriable() {
        return retriable;
    }
}
