package io.lifestage.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigKeyTest {

    private static final ConfigKey BATCH_SIZE = ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "100",
            "Most facts returned per poll.");

    @Test
    void anIntegerKeyDeclaresTheRangeItAllowsKeepingEverythingElse() {
        ConfigKey ranged = BATCH_SIZE.asSecret().between(1, 100_000);

        assertThat(ranged.rangeIfAny()).contains(new ConfigKey.Range(1, 100_000));
        assertThat(ranged.range().contains(100_000)).isTrue();
        assertThat(ranged.range().contains(0)).isFalse();
        assertThat(ranged.range()).hasToString("from 1 to 100000");
        assertThat(ranged.secret()).isTrue();
        assertThat(ranged.defaultValue()).isEqualTo("100");
        assertThat(BATCH_SIZE.rangeIfAny()).isEmpty();
    }

    @Test
    void refusesARangeThatCannotHold() {
        assertThatThrownBy(() -> ConfigKey.choice("format", "The format.", "jsonl", "csv").between(1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only an INTEGER key has a range");
        assertThatThrownBy(() -> BATCH_SIZE.between(5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a range from 5 to 1 holds no value");
        assertThatThrownBy(() -> BATCH_SIZE.between(1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the default of key 'batch-size', 100, is not from 1 to 10");
    }
}
