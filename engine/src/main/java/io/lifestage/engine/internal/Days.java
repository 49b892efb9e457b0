package io.lifestage.engine.internal;

/**
 * Days as the engine counts them on epoch milliseconds: whole UTC days of 86,400,000 ms, the unit of every
 * day-counted metric, threshold and report figure.
 */
public final class Days {

    /** The milliseconds of a day. */
    public static final long MILLIS = 86_400_000L;

    private Days() {
    }
}
