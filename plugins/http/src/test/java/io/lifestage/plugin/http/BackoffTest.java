package io.lifestage.plugin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Pauses between attempts: doubling with jitter up to the maximum, or what Retry-After asks for. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1),
            Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC));

    @RepeatedTest(20)
    void doublesEachAttemptWithJitterAndNeverExceedsTheMaximum() {
        assertThat(backoff.afterAttempt(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(backoff.afterAttempt(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(backoff.afterAttempt(60)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        assertThat(backoff.retryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(backoff.retryAfter("Mon, 01 Jun 2026 10:00:30 GMT")).contains(Duration.ofSeconds(30));
        assertThat(backoff.retryAfter("Mon, 01 Jun 2026 09:00:00 GMT")).contains(Duration.ZERO);
    }

    @Test
    void ignoresARetryAfterItCannotRead() {
        assertThat(backoff.retryAfter("soon")).isEmpty();
    }
}
