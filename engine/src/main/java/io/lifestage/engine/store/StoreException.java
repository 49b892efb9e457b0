package io.lifestage.engine.store;

import io.lifestage.api.LifestageException;
import java.sql.SQLException;

/** The stage store cannot be opened, read or written; the message names the store's URL, never its password. */
public final class StoreException extends LifestageException {

    /** A failure of the store, with a stable code ({@code LS-STORE-0011}) and a detail naming the URL. */
    public StoreException(String code, String detail, Throwable cause) {
        this(code, detail, cause, false);
    }

    private StoreException(String code, String detail, Throwable cause, boolean busy) {
        super(busy || isConnectionFailure(cause) ? Kind.UNAVAILABLE : Kind.FAILED, code, detail, cause);
    }

    /**
     * The store is out of reach for a moment of its own making (being compacted): nothing of the call was done and the
     * same call may succeed later, so it counts as {@link #unavailable()}.
     */
    public static StoreException busy(String code, String detail) {
        return new StoreException(code, detail, null, true);
    }

    /**
     * Whether the database could not be reached (down, restarting, the network) rather than refusing what was asked:
     * the same call may succeed later, and the store reconnects by itself.
     */
    public boolean unavailable() {
        return kind() == Kind.UNAVAILABLE;
    }

    /** Whether a failure, or one of its causes, is an SQL connection exception (SQLState 08) or a shutdown (57P). */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
