package io.lifestage.engine.run;

import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Durations;
import io.lifestage.engine.config.InvalidConfigurationException;
import io.lifestage.engine.config.RetrySettings;
import java.time.Duration;

/**
 * How often and how patiently a run calls a connector again after a retriable failure: up to {@code attempts}
 * calls, pausing as long as the failure asks ({@link ConnectorException#retryAfter()}) or else 0.4 s, 0.8 s,
 * 1.6 s, …, never longer than {@code maxPause}.
 *
 * @param attempts calls in all, the first included; at least 1
 * @param maxPause the longest pause between two calls
 */
public record RetryBudget(int attempts, Duration maxPause) {

    /** Five calls, about 6 s in all unless a connector asks for more, a minute at most between two. */
    public static final RetryBudget DEFAULT = new RetryBudget(5, Duration.ofMinutes(1));

    private static final Duration FIRST_PAUSE = Duration.ofMillis(400);

    public RetryBudget {
        if (attempts < 1) {
            throw new IllegalArgumentException("a run calls a connector at least once, got " + attempts + " attempts");
        }
        if (maxPause.isNegative()) {
            throw new IllegalArgumentException("the longest pause must not be negative, got " + maxPause);
        }
    }

    /**
     * The budget {@code lifestage.retry.*} configures.
     *
     * @throws InvalidConfigurationException {@code LS-CONF-0200} naming the key of a value that does not fit
     */
    public static RetryBudget of(RetrySettings settings) {
        if (settings.attempts() < 1) {
            throw new InvalidConfigurationException("LS-CONF-0200", "lifestage.retry.attempts",
                    "must be 1 or more, got " + settings.attempts());
        }
        try {
            return new RetryBudget(settings.attempts(), Durations.parse(settings.maxPause()));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("LS-CONF-0200", RetrySettings.MAX_PAUSE, e.getMessage());
        }
    }

    /** The pause after the failure of call number {@code attempt} (from 1). */
    Duration pauseAfter(int attempt, ConnectorException failure) {
        Duration pause = failure.retryAfter()
                .orElseGet(() -> FIRST_PAUSE.multipliedBy(1L << Math.min(attempt - 1, 30)));
        return pause.compareTo(maxPause) > 0 ? maxPause : pause;
    }
}
