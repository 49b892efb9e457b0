package io.lifestage.plugin.hubspot;

import io.lifestage.crm.Retries;
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
            Retries.sleep(Duration.ofNanos(sent.peekFirst() + periodNanos - now));
            now = System.nanoTime();
        }
    }
}
