package io.lifestage.engine.store;

/** The stage store cannot be opened, read or written; the message names the store's URL, never its password. */
public final class StoreException extends RuntimeException {

    /** A failure of the store, with a stable code and the URL in the message. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
