package io.lifestage.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * How long a run keeps calling a connector that fails with a retriable {@code ConnectorException}:
 * {@code lifestage.retry.*}. A run pauses 0.4 s, 0.8 s, 1.6 s, … between attempts, or as long as the failure asks
 * ({@code ConnectorException.retryAfter}), never longer than {@link #maxPause()}.
 */
@ConfigMapping(prefix = "lifestage.retry")
public interface RetrySettings {

    /** The key of {@link #maxPause()}. */
    String MAX_PAUSE = "lifestage.retry.max-pause";

    /** Calls of a source's poll, or of a delivery to a sink, the first included, before the run stops. */
    @WithDefault("5")
    int attempts();

    /** The longest pause between two attempts: {@code 500ms}, {@code 30s}, {@code 5m} or ISO-8601. */
    @WithName("max-pause")
    @WithDefault("1m")
    String maxPause();
}
