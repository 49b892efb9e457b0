package io.lifestage.engine.host;

import io.lifestage.engine.metrics.RfmScales;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The RFM scales of the store's buyers for the host's reads, read again from the store when those read last are
 * older than a refresh interval: a customer read or a who-list page then costs one read of every buyer at most once
 * per interval instead of once per request. While one caller reads them again, the others go on with the previous
 * scales rather than wait.
 */
final class RecentScales {

    private final long refreshNanos;
    private final Supplier<RfmScales> read;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Read latest;

    private record Read(RfmScales scales, long readAt) {
    }

    /** Scales that {@code read} reads from the store, kept for {@code refresh} ({@code 0}: read at every call). */
    RecentScales(Duration refresh, Supplier<RfmScales> read) {
        this.refreshNanos = refresh.toNanos();
        this.read = read;
    }

    /** The buyers' scales, as of the instant they were last read (see {@link RfmScales#asOf}). */
    RfmScales get() {
        if (refreshNanos == 0) {
            return read.get();
        }
        Read last = latest;
        if (last != null && fresh(last)) {
            return last.scales();
        }
        if (last == null) {
            reading.lock();
        } else if (!reading.tryLock()) {
            return last.scales();
        }
        try {
            Read current = latest;
            if (current != null && fresh(current)) {
                return current.scales();
            }
            long readAt = System.nanoTime();
            RfmScales scales = read.get();
            latest = new Read(scales, readAt);
            return scales;
        } finally {
            reading.unlock();
        }
    }

    private boolean fresh(Read read) {
        return System.nanoTime() - read.readAt() < refreshNanos;
    }
}
