package io.lifestage.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thresholds come from lifestage.threshold.* keys; bad values and unknown names get clear messages. */
class ConfiguredThresholdsTest {

    @Test
    void readsTheDefaultsAndLetsAStrongerSourceOverrideThem() {
        ConfiguredThresholds thresholds = ConfiguredThresholds.from(LifestageConfig.build(
                Map.of(RulesSettings.DIR, "x", "lifestage.threshold.churn-inactivity-days", "120"), null));

        assertThat(thresholds.get("churn-inactivity-days")).isEqualTo(120);
        assertThat(thresholds.get("loyalty-orders")).isEqualTo(3);
        assertThat(thresholds.windows()).containsExactly(30, 90, 365);
    }

    @Test
    void refusesAValueThatIsNotAWholeNumberSayingWhereItWasSet() {
        ConfiguredThresholds thresholds = ConfiguredThresholds.from(LifestageConfig.build(
                Map.of(RulesSettings.DIR, "x", "lifestage.threshold.loyalty-orders", "three"), null));

        assertThat(thresholds.refused()).containsExactly(new ConfiguredThresholds.Refusal(
                "lifestage.threshold.loyalty-orders", new ConfiguredThresholds.Origin("the command line", 0),
                "must be a whole number, got 'three'"));
        assertThat(thresholds.names()).doesNotContain("loyalty-orders");
    }

    @Test
    void refusesANegativeValueWithTheFileAndLineThatSetIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("lifestage.properties"),
                "# my settings\nlifestage.threshold.churn-inactivity-days=-30\n");

        ConfiguredThresholds thresholds = ConfiguredThresholds.from(LifestageConfig.build(
                Map.of(RulesSettings.DIR, "x"), file));

        assertThat(thresholds.refused()).containsExactly(new ConfiguredThresholds.Refusal(
                "lifestage.threshold.churn-inactivity-days", new ConfiguredThresholds.Origin(file.toUri().getPath(), 2),
                "must be 0 or more, got -30"));
    }

    @Test
    void tellsTheEngineDefaultsFromValuesSomeoneChose() {
        ConfiguredThresholds thresholds = ConfiguredThresholds.from(LifestageConfig.build(
                Map.of(RulesSettings.DIR, "x", "lifestage.threshold.churn-inactivity-days", "120"), null));

        assertThat(thresholds.origin("loyalty-orders").isChoice()).isFalse();
        assertThat(thresholds.origin("churn-inactivity-days").isChoice()).isTrue();
    }

    @Test
    void anUnknownThresholdListsTheKnownOnes() {
        assertThatThrownBy(() -> ConfiguredThresholds.of(Map.of("a", 1, "b", 2)).get("c"))
                .hasMessageContaining("unknown threshold 'c': set lifestage.threshold.c")
                .hasMessageContaining("known: a, b");
    }

    @Test
    void aPacksOwnValuesReplaceTheDefaultsButNotAValueChosenInConfiguration(@TempDir Path pack) throws IOException {
        Files.writeString(pack.resolve("pack.properties"), """
                # this pack's thresholds
                lifestage.threshold.conversion-window-days=7
                lifestage.threshold.churn-inactivity-days=90
                lifestage.threshold.win-back-days=30
                """);
        ConfiguredThresholds configured = ConfiguredThresholds.from(LifestageConfig.build(
                Map.of(RulesSettings.DIR, "x", "lifestage.threshold.churn-inactivity-days", "120"), null));

        ConfiguredThresholds seen = configured.withPack(pack);

        assertThat(seen.get("conversion-window-days")).isEqualTo(7);
        assertThat(seen.origin("conversion-window-days")).hasToString("pack.properties:2");
        assertThat(seen.get("churn-inactivity-days")).isEqualTo(120);
        assertThat(seen.origin("churn-inactivity-days")).hasToString("the command line");
        assertThat(seen.get("win-back-days")).isEqualTo(30);
        assertThat(seen.get("loyalty-orders")).isEqualTo(3);
        assertThat(seen.withPack(pack.resolve("elsewhere")).get("conversion-window-days")).isEqualTo(30);
    }

    @Test
    void aLineOfAPackFileThatIsNotAThresholdIsRefusedWithItsLine(@TempDir Path pack) throws IOException {
        Files.writeString(pack.resolve("pack.properties"), "lifestage.store.url=jdbc:h2:mem:x\n");

        ConfiguredThresholds seen = ConfiguredThresholds.of(Map.of()).withPack(pack);

        assertThat(seen.refused()).containsExactly(new ConfiguredThresholds.Refusal("lifestage.store.url",
                new ConfiguredThresholds.Origin("pack.properties", 1), "is not a setting a pack can carry: its"
                        + " pack.properties holds thresholds (lifestage.threshold.churn-inactivity-days=120),"
                        + " lifestage.metrics.extra-events=Event Name, Other Event and attributes"
                        + " (lifestage.metrics.attributes.country=trait:country)"));
    }
}
