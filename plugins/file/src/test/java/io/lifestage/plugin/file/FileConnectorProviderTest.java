package io.lifestage.plugin.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.ProviderContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider honours the test kit's provider contract, and the engine checks configurations against the keys it
 * declares: so the connector must read no other key and accept every default and choice it declares.
 */
class FileConnectorProviderTest extends ProviderContract {

    private final FileConnectorProvider provider = new FileConnectorProvider();

    @TempDir
    Path dir;

    @Override
    protected ConnectorProvider provider() {
        return provider;
    }

    /** The settings the engine would pass: the declared defaults, overridden by {@code settings}. */
    private static RecordingContext withDefaults(List<ConfigKey> keys, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>();
        keys.forEach(key -> key.defaultIfAny().ifPresent(value -> values.put(key.name(), value)));
        values.putAll(settings);
        return new RecordingContext(values);
    }

    private static List<String> names(List<ConfigKey> keys) {
        return keys.stream().map(ConfigKey::name).toList();
    }

    @Test
    void sourceReadsOnlyDeclaredKeysAndAcceptsEveryDeclaredChoice() throws IOException {
        Path jsonl = Files.writeString(dir.resolve("events.jsonl"),
                "{\"type\":\"page\",\"userId\":\"u1\",\"timestamp\":\"2026-03-01T10:00:00Z\"}\n");
        Path events = Files.writeString(dir.resolve("events.csv"), "user_id,event,timestamp\n");
        Path profiles = Files.writeString(dir.resolve("profiles.csv"), "id,updated_at\n");
        List<ConfigKey> keys = provider.source().orElseThrow().keys();

        for (Map<String, String> settings : List.of(Map.of("path", jsonl.toString()),
                Map.of("path", jsonl.toString(), "follow", "true"),
                Map.of("path", events.toString(), "format", "csv", "kind", "events"),
                Map.of("path", profiles.toString(), "format", "csv", "kind", "profiles"))) {
            RecordingContext context = withDefaults(keys, settings);
            try (Source source = provider.source().orElseThrow().newInstance()) {
                source.start(context);
                source.poll();
            }
            assertThat(names(keys)).as("keys declared for %s", settings).containsAll(context.askedKeys);
        }
    }

    @Test
    void sinkReadsOnlyDeclaredKeysAndAcceptsEveryDeclaredChoice() {
        List<ConfigKey> keys = provider.sink().orElseThrow().keys();
        Map<String, List<String>> choices = new HashMap<>();
        keys.stream().filter(key -> !key.choices().isEmpty()).forEach(key -> choices.put(key.name(), key.choices()));
        assertThat(choices).containsOnlyKeys("format", "content", "mode");

        for (String format : choices.get("format")) {
            for (String content : choices.get("content")) {
                for (String mode : choices.get("mode")) {
                    RecordingContext context = withDefaults(keys, Map.of("path", dir.resolve("out").toString(),
                            "format", format, "content", content, "mode", mode));
                    try (Sink sink = provider.sink().orElseThrow().newInstance()) {
                        sink.start(context);
                        sink.flush();
                    }
                    assertThat(names(keys)).containsAll(context.askedKeys);
                }
            }
        }
    }

    @Test
    void declaresEveryKeyWithADescriptionAndNoSecrets() {
        for (ConfigKey key : provider.source().orElseThrow().keys()) {
            assertThat(key.description()).as(key.name()).endsWith(".");
            assertThat(key.secret()).as(key.name()).isFalse();
        }
        assertThat(names(provider.source().orElseThrow().keys())).containsExactlyInAnyOrder("path", "format",
                "batch-size", "follow", "kind", "id-column", "event-column", "time-column", "updated-column",
                "delimiter", "encoding", "max-field-chars");
        assertThat(names(provider.sink().orElseThrow().keys())).containsExactlyInAnyOrder("path", "format", "content",
                "mode");
    }
}
