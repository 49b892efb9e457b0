package io.lifestage.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionSettingsTest {

    @Test
    void handsOutActionsOfTheLastWeekUnlessConfiguredOtherwise() {
        assertThat(maxAge(Map.of())).isEqualTo(Duration.ofDays(7));
        assertThat(maxAge(Map.of(ActionSettings.MAX_AGE, "36h"))).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void refusesAMaximumAgeThatIsNoPositiveDurationNamingTheKey() {
        assertThatThrownBy(() -> maxAge(Map.of(ActionSettings.MAX_AGE, "a week")))
                .hasMessageStartingWith("LS-CONF-0200 lifestage.actions.max-age: 'a week' is not a duration");
        assertThatThrownBy(() -> maxAge(Map.of(ActionSettings.MAX_AGE, "0s")))
                .hasMessage("LS-CONF-0200 lifestage.actions.max-age: must be positive, got 0s");
    }

    private static Duration maxAge(Map<String, String> settings) {
        Map<String, String> withPack = new HashMap<>(settings);
        withPack.put(RulesSettings.DIR, "pack");
        return LifestageConfig.build(withPack, null).getConfigMapping(ActionSettings.class).maxAgeDuration();
    }
}
