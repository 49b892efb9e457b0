package io.lifestage.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * How a host service (the HTTP server, an embedded {@code Lifestage}) evaluates and erases:
 * {@code lifestage.host.*}. Its durations are {@code 500ms}, {@code 30s}, {@code 5m} or ISO-8601; each
 * {@code …Duration()} method turns a bad one into {@code LS-CONF-0200} naming its key.
 */
@ConfigMapping(prefix = "lifestage.host")
public interface HostSettings {

    /** The key of {@link #checkInterval()}. */
    String CHECK_INTERVAL = "lifestage.host.check-interval";
    /** The key of {@link #evaluationPause()}. */
    String EVALUATION_PAUSE = "lifestage.host.evaluation-pause";
    /** The key of {@link #rfmRefresh()}. */
    String RFM_REFRESH = "lifestage.host.rfm-refresh";
    /** The key of {@link #erasureSalt()}. */
    String ERASURE_SALT = "lifestage.host.erasure-salt";
    /** The key of {@link #suppressErased()}. */
    String SUPPRESS_ERASED = "lifestage.host.suppress-erased";
    /** The key of {@link #erasureCompactionDelay()}. */
    String ERASURE_COMPACTION_DELAY = "lifestage.host.erasure-compaction-delay";

    /** The pause between two looks for customers whom time alone moves, when nothing is ingested. */
    @WithName("check-interval")
    @WithDefault("1m")
    String checkInterval();

    /** The least time between the starts of two evaluations. */
    @WithName("evaluation-pause")
    @WithDefault("500ms")
    String evaluationPause();

    /** How old the population's RFM scales may get before an evaluation computes them again. */
    @WithName("rfm-refresh")
    @WithDefault("1m")
    String rfmRefresh();

    /** The salt of erased ids' digests; empty means a random salt per process. */
    @WithName("erasure-salt")
    Optional<String> erasureSalt();

    /** Whether later facts of an erased id are dropped rather than stored. */
    @WithName("suppress-erased")
    @WithDefault("false")
    boolean suppressErased();

    /** How long after an erasure an embedded H2 store is compacted, so that erasures in that time cost one. */
    @WithName("erasure-compaction-delay")
    @WithDefault("10m")
    String erasureCompactionDelay();

    /** {@link #checkInterval()}, more than zero. */
    default Duration checkIntervalDuration() {
        return ConfiguredDurations.positive(CHECK_INTERVAL, checkInterval());
    }

    /** {@link #evaluationPause()}, zero or more. */
    default Duration evaluationPauseDuration() {
        return ConfiguredDurations.zeroOrMore(EVALUATION_PAUSE, evaluationPause());
    }

    /** {@link #rfmRefresh()}, zero or more. */
    default Duration rfmRefreshDuration() {
        return ConfiguredDurations.zeroOrMore(RFM_REFRESH, rfmRefresh());
    }

    /** {@link #erasureCompactionDelay()}, zero or more. */
    default Duration erasureCompactionDelayDuration() {
        return ConfiguredDurations.zeroOrMore(ERASURE_COMPACTION_DELAY, erasureCompactionDelay());
    }
}
