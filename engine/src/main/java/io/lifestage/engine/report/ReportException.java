package io.lifestage.engine.report;

/** A report cannot be made: the store is empty, or the period or stage asked for is not valid. */
public final class ReportException extends RuntimeException {

    ReportException(String message) {
        super(message);
    }
}
