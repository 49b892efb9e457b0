package io.lifestage.plugin.hubspot;

import io.lifestage.api.spi.ConnectorException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code max} requests in any {@code period}, as HubSpot counts its rolling limits: {@link #acquire} waits
 * until one more request fits. Cheaper than a 429 and its penalty wait.
 */
final class RequestWindow {

    private final int max;
    private final long periodNanos;
    private final Deque<Long> sent = new ArrayDeque<>();

    RequestWindow(int max, Duration period) {
        this.max = max;
        this.periodNanos = period.toNanos();
    }

    /** Waits, if needed, until a request fits in the window, and counts it. */
    void acquire() {
        long now = System.nanoTime();
        while (true) {
            while (!sent.isEmpty() && now - sent.peekFirst() >= periodNanos) {
                sent.removeFirst();
            }
            if (sent.size() < max) {
                sent.addLast(now);
                return;
            }
            pause(Duration.ofNanos(sent.peekFirst() + periodNanos - now));
            now = System.nanoTime();
        }
    }

    /** Sleeps, turning an interrupt into a fatal failure: the engine is stopping the run. */
    static void pause(Duration pause) {
        try {
            Thread.sleep(Math.max(1, pause.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.fatal("interrupted while waiting for HubSpot's rate limit", e);
        }
    }
}
