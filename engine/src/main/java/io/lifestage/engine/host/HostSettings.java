package io.lifestage.engine.host;

import io.lifestage.engine.config.ConfiguredDurations;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code lifestage.host.*} keys: how often the evaluator looks for customers whom time alone moves, how often it
 * computes the population's RFM scales, the salt of the digests erasures leave behind, and how soon an embedded H2
 * store is compacted after an erasure.
 *
 * @param checkInterval   the pause between two checks when nothing is ingested
 * @param evaluationPause the least time between the starts of two evaluations
 * @param rfmRefresh      how old the population's RFM scales may get before an evaluation computes them again
 * @param erasureSalt     the salt of erased ids' digests; empty means a random salt per process
 * @param suppressErased  whether later facts of an erased id are dropped rather than stored
 * @param erasureCompactionDelay how long after an erasure an embedded H2 store is compacted, so that erasures in that
 *                        time cost one compaction
 */
record HostSettings(Duration checkInterval, Duration evaluationPause, Duration rfmRefresh,
                    Optional<String> erasureSalt, boolean suppressErased, Duration erasureCompactionDelay) {

    static final String CHECK_INTERVAL = "lifestage.host.check-interval";
    static final String EVALUATION_PAUSE = "lifestage.host.evaluation-pause";
    static final String RFM_REFRESH = "lifestage.host.rfm-refresh";
    static final String ERASURE_SALT = "lifestage.host.erasure-salt";
    static final String SUPPRESS_ERASED = "lifestage.host.suppress-erased";
    static final String ERASURE_COMPACTION_DELAY = "lifestage.host.erasure-compaction-delay";

    static HostSettings from(Config config) {
        Duration checkInterval = ConfiguredDurations.positive(config, CHECK_INTERVAL, "1m");
        Duration pause = ConfiguredDurations.zeroOrMore(config, EVALUATION_PAUSE, "500ms");
        Duration rfmRefresh = ConfiguredDurations.zeroOrMore(config, RFM_REFRESH, "1m");
        return new HostSettings(checkInterval, pause, rfmRefresh, config.getOptionalValue(ERASURE_SALT,
                String.class), config.getOptionalValue(SUPPRESS_ERASED, Boolean.class).orElse(false),
                ConfiguredDurations.zeroOrMore(config, ERASURE_COMPACTION_DELAY, "10m"));
    }
}
