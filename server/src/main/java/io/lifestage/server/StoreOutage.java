package io.lifestage.server;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the stage store is out, as requests find it: one log line when an outage starts and one when a request
 * succeeds again, instead of a stack trace per failed request (which, during an outage, fills the disk).
 */
final class StoreOutage {

    private static final Logger log = LoggerFactory.getLogger(StoreOutage.class);

    /** When the current outage started (nanoTime), or 0 when the store is up. */
    private final AtomicLong since = new AtomicLong();

    /** A request found the store unreachable; {@code why} names the store, never a customer. */
    void started(String why) {
        if (since.compareAndSet(0, System.nanoTime())) {
            log.error("LS-SERVE-0007 the stage store is unavailable, answering 503 until it is back: {}", why);
        }
    }

    /** A request succeeded. */
    void requestSucceeded() {
        long start = since.getAndSet(0);
        if (start != 0) {
            log.warn("LS-SERVE-0008 the stage store is back after {} s", (System.nanoTime() - start) / 1_000_000_000);
        }
    }
}
