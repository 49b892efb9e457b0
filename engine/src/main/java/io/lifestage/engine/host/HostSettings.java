package io.lifestage.engine.host;

import io.lifestage.api.spi.Durations;
import io.lifestage.engine.config.InvalidConfigurationException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code lifestage.host.*} keys: how often the evaluator looks for customers whom time alone moves, and the salt
 * of the digests erasures leave behind.
 *
 * @param checkInterval the pause between two checks when nothing is ingested
 * @param erasureSalt   the salt of erased ids' digests; empty means a random salt per process
 */
record HostSettings(Duration checkInterval, Optional<String> erasureSalt) {

    static final String CHECK_INTERVAL = "lifestage.host.check-interval";
    static final String ERASURE_SALT = "lifestage.host.erasure-salt";

    static HostSettings from(Config config) {
        String interval = config.getOptionalValue(CHECK_INTERVAL, String.class).orElse("1m");
        Duration checkInterval;
        try {
            checkInterval = Durations.parse(interval);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("LS-CONF-0200", CHECK_INTERVAL, e.getMessage());
        }
        if (checkInterval.isZero() || checkInterval.isNegative()) {
            throw new InvalidConfigurationException("LS-CONF-0200", CHECK_INTERVAL, "must be positive, got " + interval);
        }
        return new HostSettings(checkInterval, config.getOptionalValue(ERASURE_SALT, String.class));
    }
}
