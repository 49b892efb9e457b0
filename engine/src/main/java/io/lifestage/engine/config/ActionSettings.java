package io.lifestage.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * Which lifecycle actions a run hands out: {@code lifestage.actions.*}. A first run over a long history walks every
 * customer through it, and every journey and transition there comes due; only those due recently are still worth a
 * message, the older ones are not fired.
 */
@ConfigMapping(prefix = "lifestage.actions")
public interface ActionSettings {

    /** The key of {@link #maxAge()}. */
    String MAX_AGE = "lifestage.actions.max-age";

    /**
     * How long before a run's as-of instant an action may have come due and still be handed out: {@code 7d},
     * {@code 12h} or ISO-8601. Longer than the time between two runs, or actions due in between are lost.
     */
    @WithName("max-age")
    @WithDefault("7d")
    String maxAge();

    /**
     * {@link #maxAge()} as a duration.
     *
     * @throws InvalidConfigurationException {@code LS-CONF-0200} when it is no positive duration
     */
    default Duration maxAgeDuration() {
        return ConfiguredDurations.positive(MAX_AGE, maxAge());
    }
}
