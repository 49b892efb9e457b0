package io.lifestage.plugin.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before the next attempt: exponential from {@code initial}, capped at {@code max}, with jitter so
 * that many clients failing together do not retry together; or what the server asked for in {@code Retry-After}.
 *
 * @param initial the pause after the first failed attempt
 * @param max     the longest pause this backoff takes
 * @param clock   the clock a {@code Retry-After} date is measured against
 */
record Backoff(Duration initial, Duration max, Clock clock) {

    /** A random pause between half and all of {@code initial × 2^(attempt-1)}, never more than {@code max}. */
    Duration afterAttempt(int attempt) {
        long ceiling = initial.toMillis();
        for (int i = 1; i < attempt && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    /**
     * The pause a {@code Retry-After} header asks for: a number of seconds, or an HTTP date (a date in the past means
     * now). Empty when the value is neither.
     */
    Optional<Duration> retryAfter(String header) {
        String value = header.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException e) {
            // not seconds: try a date
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration until = Duration.between(clock.instant(), at);
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
