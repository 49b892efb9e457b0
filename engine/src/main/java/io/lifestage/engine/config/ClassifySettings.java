package io.lifestage.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How classification runs: {@code lifestage.classify.*}. */
@ConfigMapping(prefix = "lifestage.classify")
public interface ClassifySettings {

    /** Worker threads, each with its own rule session; 0 means one per available processor. */
    @WithDefault("0")
    int threads();

    /** Customers classified per batch; bounds the decisions held in memory at once. */
    @WithName("batch-size")
    @WithDefault("10000")
    int batchSize();

    /** The thread count to use: {@link #threads()}, or the processor count when that is 0. */
    default int effectiveThreads() {
        return threads() > 0 ? threads() : Runtime.getRuntime().availableProcessors();
    }
}
