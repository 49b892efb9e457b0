package io.lifestage.plugin.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.ProviderContract;
import io.lifestage.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider honours the test kit's provider contract, and the engine checks configurations against the keys it
 * declares: so the connector must read no other key (the {@link TestContext} fails a read of one) and accept every
 * default and choice it declares.
 */
class FileConnectorProviderTest extends ProviderContract {

    private final FileConnectorProvider provider = new FileConnectorProvider();

    @TempDir
    Path dir;

    @Override
    protected ConnectorProvider provider() {
        return provider;
    }

    private static List<String> names(List<ConfigKey> keys) {
        return keys.stream().map(ConfigKey::name).toList();
    }

    @Test
    void sourceReadsOnlyDeclaredKeysAndAcceptsEveryDeclaredChoice() throws IOException {
        Path jsonl = Files.writeString(dir.resolve("events.jsonl"),
                "{\"type\":\"page\",\"userId\":\"u1\",\"timestamp\":\"2026-03-01T10:00:00Z\"}\n");
        Path events = Files.writeString(dir.resolve("events.csv"),
                "user_id,event,timestamp\nu1,Signed Up,2026-03-01T10:00:00Z\n");
        Path profiles = Files.writeString(dir.resolve("profiles.csv"), "id,updated_at\nu1,2026-03-01T10:00:00Z\n");

        for (Map<String, String> settings : List.of(Map.of("path", jsonl.toString()),
                Map.of("path", jsonl.toString(), "follow", "true"),
                Map.of("path", events.toString(), "format", "csv", "kind", "events"),
                Map.of("path", profiles.toString(), "format", "csv", "kind", "profiles"))) {
            try (Source source = TestContext.forSource(provider).with(settings).build().startedSource()) {
                assertThat(source.poll()).as("facts read with %s", settings).extracting(Fact::customerId)
                        .containsExactly("u1");
            }
        }
    }

    @Test
    void sinkReadsOnlyDeclaredKeysAndAcceptsEveryDeclaredChoice() throws IOException {
        List<ConfigKey> keys = provider.sink().orElseThrow().keys();
        Map<String, List<String>> choices = new HashMap<>();
        keys.stream().filter(key -> !key.choices().isEmpty()).forEach(key -> choices.put(key.name(), key.choices()));
        assertThat(choices).containsOnlyKeys("format", "content", "mode");

        for (String format : choices.get("format")) {
            for (String content : choices.get("content")) {
                for (String mode : choices.get("mode")) {
                    Path out = dir.resolve(format + "-" + content + "-" + mode);
                    try (Sink sink = TestContext.forSink(provider).with(Map.of("path", out.toString(),
                            "format", format, "content", content, "mode", mode)).build().startedSink()) {
                        writeOneOfEachKind(sink);
                    }
                    assertThat(Files.readAllLines(out)).as("lines written as %s %s in %s mode", format, content, mode)
                            .hasSize(format.equals("csv") ? 2 : 1);
                }
            }
        }
    }

    /** A decision, a transition and an action, flushed: the sink keeps the one kind its content names. */
    private static void writeOneOfEachKind(Sink sink) {
        Instant at = Instant.parse("2026-06-01T00:00:00Z");
        sink.writeDecisions(List.of(new Decision("u1", "churn", "r", "quiet", at, "v1")));
        sink.writeTransitions(List.of(new Transition("t1", "u1", null, "awareness", at, "seen", "first visit", "v1",
                List.of(), Transition.Policy.ALLOWED)));
        sink.writeActions(List.of(new ActionFired("a1", "u1", "welcome-email", "email:welcome", at, "journey:welcome",
                Map.of())));
        sink.flush();
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
