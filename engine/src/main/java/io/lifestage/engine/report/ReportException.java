package io.lifestage.engine.report;

import io.lifestage.api.LifestageException;

/** A report cannot be made: the store is empty, or the period or stage asked for is not valid. */
public final class ReportException extends LifestageException {

    ReportException(String code, String detail) {
        super(code, detail);
    }
}
