package io.lifestage.engine.report;

import io.lifestage.api.LifestageException;
import io.lifestage.engine.store.StoreException;

/**
 * A report cannot be made: the store is empty, the period or stage asked for is not valid, or the store cannot be read.
 */
public final class ReportException extends LifestageException {

    ReportException(String code, String detail) {
        super(Kind.INVALID_REQUEST, code, detail, null);
    }

    /** The store could not be read: the report fails as the store did ({@link Kind#UNAVAILABLE} while it is out). */
    ReportException(String code, String detail, StoreException cause) {
        super(cause.kind(), code, detail, cause);
    }
}
