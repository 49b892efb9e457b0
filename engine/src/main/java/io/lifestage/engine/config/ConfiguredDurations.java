package io.lifestage.engine.config;

import io.lifestage.api.spi.Durations;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * Reads a duration setting ({@code 30s}, {@code 5m} or ISO-8601) for the hand-read settings of the stream node and
 * the mapped ones: a value that is no duration, or is out of range, stops the start with
 * {@code LS-CONF-0200} naming its key.
 */
public final class ConfiguredDurations {

    private static final String CODE = "LS-CONF-0200";

    private ConfiguredDurations() {
    }

    /** The duration {@code key} sets, or {@code fallback}; it must be more than zero. */
    public static Duration positive(Config config, String key, String fallback) {
        return parse(key, config.getOptionalValue(key, String.class).orElse(fallback), false);
    }

    /** A mapped setting's duration, read from {@code value}; it must be more than zero. */
    public static Duration positive(String key, String value) {
        return parse(key, value, false);
    }

    /** A mapped setting's duration, read from {@code value}; it may be zero, not negative. */
    public static Duration zeroOrMore(String key, String value) {
        return parse(key, value, true);
    }

    private static Duration parse(String key, String value, boolean zeroAllowed) {
        Duration duration;
        try {
            duration = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(CODE, key, e.getMessage());
        }
        if (duration.isNegative() || duration.isZero() && !zeroAllowed) {
            throw new InvalidConfigurationException(CODE, key, "must be " + (zeroAllowed ? "zero or more"
                    : "positive") + ", got " + value);
        }
        return duration;
    }
}
