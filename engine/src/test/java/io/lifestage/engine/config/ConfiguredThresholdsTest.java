package io.lifestage.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Thresholds come from lifestage.threshold.* keys; bad values and unknown names get clear messages. */
class ConfiguredThresholdsTest {

    @Test
    void readsTheDefaultsAndLetsAStrongerSourceOverrideThem() {
        ConfiguredThresholds thresholds = ConfiguredThresholds.from(LifestageConfig.build(
                Map.of("lifestage.rules.dir", "x", "lifestage.threshold.churn-inactivity-days", "120"), null));

        assertThat(thresholds.get("churn-inactivity-days")).isEqualTo(120);
        assertThat(thresholds.get("loyalty-orders")).isEqualTo(3);
        assertThat(thresholds.windows()).containsExactly(30, 90, 365);
    }

    @Test
    void refusesAValueThatIsNotAWholeNumber() {
        assertThatThrownBy(() -> ConfiguredThresholds.from(LifestageConfig.build(
                Map.of("lifestage.rules.dir", "x", "lifestage.threshold.loyalty-orders", "three"), null)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("LS-CONF-0002 lifestage.threshold.loyalty-orders: must be a whole number, got 'three'");
    }

    @Test
    void anUnknownThresholdListsTheKnownOnes() {
        assertThatThrownBy(() -> ConfiguredThresholds.of(Map.of("a", 1, "b", 2)).get("c"))
                .hasMessageContaining("unknown threshold 'c': set lifestage.threshold.c")
                .hasMessageContaining("known: a, b");
    }
}
