package io.lifestage.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostSettingsTest {

    @Test
    void evaluatesEveryMinuteAndCompactsTenMinutesAfterAnErasureUnlessConfiguredOtherwise() {
        HostSettings defaults = host(Map.of());

        assertThat(defaults.checkIntervalDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.evaluationPauseDuration()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.rfmRefreshDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.erasureCompactionDelayDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.erasureSalt()).isEmpty();
        assertThat(defaults.suppressErased()).isFalse();
    }

    @Test
    void takesZeroForPausesButNotForTheCheckInterval() {
        HostSettings eager = host(Map.of(HostSettings.EVALUATION_PAUSE, "0ms", HostSettings.RFM_REFRESH, "0s",
                HostSettings.ERASURE_COMPACTION_DELAY, "PT0S", HostSettings.SUPPRESS_ERASED, "true"));

        assertThat(eager.evaluationPauseDuration()).isZero();
        assertThat(eager.rfmRefreshDuration()).isZero();
        assertThat(eager.erasureCompactionDelayDuration()).isZero();
        assertThat(eager.suppressErased()).isTrue();
        assertThatThrownBy(() -> host(Map.of(HostSettings.CHECK_INTERVAL, "0s")).checkIntervalDuration())
                .hasMessage("LS-CONF-0200 lifestage.host.check-interval: must be positive, got 0s");
    }

    @Test
    void refusesANegativeOrUnreadableDurationNamingTheKey() {
        assertThatThrownBy(() -> host(Map.of(HostSettings.EVALUATION_PAUSE, "PT-1S")).evaluationPauseDuration())
                .hasMessage("LS-CONF-0200 lifestage.host.evaluation-pause: must be zero or more, got PT-1S");
        assertThatThrownBy(() -> host(Map.of(HostSettings.RFM_REFRESH, "hourly")).rfmRefreshDuration())
                .hasMessageStartingWith("LS-CONF-0200 lifestage.host.rfm-refresh: 'hourly' is not a duration");
    }

    private static HostSettings host(Map<String, String> settings) {
        Map<String, String> withPack = new HashMap<>(settings);
        withPack.put(RulesSettings.DIR, "pack");
        return LifestageConfig.build(withPack, null).getConfigMapping(HostSettings.class);
    }
}
