package io.lifestage.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A connector reads its settings through the keys that declare them, and a value it cannot read names the key. */
class ConnectorContextTest {

    private static final ConfigKey PATH = ConfigKey.required("path", ConfigKey.Type.PATH, "The file.");
    private static final ConfigKey BATCH_SIZE = ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "100",
            "Most records per poll.").between(1, Integer.MAX_VALUE);
    private static final ConfigKey RATIO = ConfigKey.optional("ratio", ConfigKey.Type.DECIMAL, "0.5", "A share.");
    private static final ConfigKey FOLLOW = ConfigKey.optional("follow", ConfigKey.Type.BOOLEAN, "false",
            "Whether to wait for more.");
    private static final ConfigKey TIMEOUT = ConfigKey.optional("timeout", ConfigKey.Type.DURATION, "10s",
            "How long to wait.");
    private static final ConfigKey TOKEN = ConfigKey.optional("token", ConfigKey.Type.STRING, null, "A token.")
            .asSecret();
    private static final ConfigKey PIN = ConfigKey.optional("pin", ConfigKey.Type.INTEGER, null, "A PIN.").asSecret();

    @Test
    void fallsBackToTheDefaultTheKeyDeclaresWhenTheContextHasNone() {
        ConnectorContext context = context(Map.of());

        assertThat(context.integerSetting(BATCH_SIZE)).isEqualTo(100);
        assertThat(context.decimalSetting(RATIO)).isEqualTo(0.5);
        assertThat(context.booleanSetting(FOLLOW)).isFalse();
        assertThat(context.durationSetting(TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(context.setting(TOKEN)).isEmpty();
    }

    @Test
    void readsTheConfiguredValueOfEachType() {
        ConnectorContext context = context(Map.of("batch-size", " 500 ", "ratio", "0.25", "follow", "TRUE",
                "timeout", "500ms", "path", "/data/events.jsonl"));

        assertThat(context.integerSetting(BATCH_SIZE)).isEqualTo(500);
        assertThat(context.decimalSetting(RATIO)).isEqualTo(0.25);
        assertThat(context.booleanSetting(FOLLOW)).isTrue();
        assertThat(context.durationSetting(TIMEOUT)).isEqualTo(Duration.ofMillis(500));
        assertThat(context.pathSetting(PATH)).isEqualTo(Path.of("/data", "events.jsonl"));
    }

    @Test
    void takesABlankOptionalSettingForNoneAndTrimsTheOthers() {
        assertThat(context(Map.of("token", "  ")).nonBlankSetting(TOKEN)).isEmpty();
        assertThat(context(Map.of("token", " abc ")).nonBlankSetting(TOKEN)).contains("abc");
        assertThat(context(Map.of()).nonBlankSetting(TOKEN)).isEmpty();
    }

    @Test
    void refusesAMissingRequiredSettingNamingTheKey() {
        assertThatThrownBy(() -> context(Map.of()).requiredSetting(PATH))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessage("required setting 'path' is missing");
    }

    @Test
    void refusesAValueOfTheWrongTypeNamingTheKeyAndTheValue() {
        ConnectorContext context = context(Map.of("batch-size", "many", "ratio", "half", "follow", "yes",
                "timeout", "soon"));

        assertThatThrownBy(() -> context.integerSetting(BATCH_SIZE))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessage("setting 'batch-size' must be a whole number from -2147483648 to 2147483647, got 'many'");
        assertThatThrownBy(() -> context.decimalSetting(RATIO))
                .hasMessage("setting 'ratio' must be a number, got 'half'");
        assertThatThrownBy(() -> context.booleanSetting(FOLLOW))
                .hasMessage("setting 'follow' must be true or false, got 'yes'");
        assertThatThrownBy(() -> context.durationSetting(TIMEOUT))
                .hasMessage("setting 'timeout' must be a duration such as 500ms, 30s, 5m, 2h or PT30S, got 'soon'");
        assertThatThrownBy(() -> context(Map.of("path", "events\0.jsonl")).pathSetting(PATH))
                .hasMessage("setting 'path' must be a valid file system path, got 'events\0.jsonl'");
    }

    @Test
    void neverShowsTheValueOfASecretSettingItCannotRead() {
        assertThatThrownBy(() -> context(Map.of("pin", "12x4")).integerSetting(PIN))
                .hasMessage("setting 'pin' must be a whole number from -2147483648 to 2147483647, got '(secret)'");
    }

    /** The least a context is: settings by name, as the engine hands them over. */
    private static ConnectorContext context(Map<String, String> settings) {
        return new ConnectorContext() {
            @Override
            public String name() {
                return "crm";
            }

            @Override
            public Optional<String> setting(String key) {
                return Optional.ofNullable(settings.get(key));
            }

            @Override
            public Optional<String> resumePosition() {
                return Optional.empty();
            }

            @Override
            public System.Logger logger() {
                return System.getLogger("test");
            }

            @Override
            public void reject(Rejection rejection) {
            }
        };
    }
}
