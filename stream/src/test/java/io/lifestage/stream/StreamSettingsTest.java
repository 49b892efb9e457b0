package io.lifestage.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.engine.config.InvalidConfigurationException;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.RulesSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's settings come from the configuration file like every command's, and are all documented. */
class StreamSettingsTest {

    @TempDir
    Path dir;

    @Test
    void aFileWithTheBrokersAndTopicsIsEnoughAndKeepsExactlyOnce() throws Exception {
        StreamSettings settings = read("""
                lifestage.stream.bootstrap-servers=kafka-1:9092,kafka-2:9092
                lifestage.stream.input-topics=segment.web,segment.app
                lifestage.stream.kafka.security.protocol=SSL
                lifestage.stream.kafka.processing.guarantee=at_least_once
                """);
        assertThat(settings.inputTopics()).containsExactly("segment.web", "segment.app");
        assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.outputTopic()).isEqualTo("lifestage-transitions");
        assertThat(settings.actionsTopic()).as("actions are published only when asked").isNull();
        assertThat(settings.actionsMaxAge()).as("as a run hands them out").isEqualTo(Duration.ofDays(7));
        Properties streams = settings.streamsProperties();
        assertThat(streams).containsEntry("application.id", "lifestage")
                .containsEntry("bootstrap.servers", "kafka-1:9092,kafka-2:9092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("replication.factor", -1);
    }

    @Test
    void anActionsTopicTurnsThePublishingOfActionsOn() throws Exception {
        StreamSettings settings = read("""
                lifestage.stream.bootstrap-servers=localhost:9092
                lifestage.stream.input-topics=segment.web
                lifestage.stream.actions-topic=lifestage-actions
                lifestage.actions.max-age=36h
                """);
        assertThat(settings.actionsTopic()).isEqualTo("lifestage-actions");
        assertThat(settings.actionsMaxAge()).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void anIntervalThatIsNoDurationStopsTheStartNamingItsKey() throws Exception {
        assertThatThrownBy(() -> read("""
                lifestage.stream.bootstrap-servers=localhost:9092
                lifestage.stream.input-topics=segment.web
                lifestage.stream.interval=often
                """)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("lifestage.stream.interval");
    }

    @Test
    void everyKeyIsInTheConfigurationReference() throws Exception {
        String source = Files.readString(Path.of("src/main/java/io/lifestage/stream/StreamSettings.java"));
        String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
        Matcher keys = Pattern.compile("PREFIX \\+ \"([a-z.-]+)\"").matcher(source);
        List<String> read = keys.results().map(key -> "`lifestage.stream." + key.group(1)).toList();
        assertThat(read).hasSizeGreaterThan(8).allSatisfy(key -> assertThat(reference).contains(key));
    }

    private StreamSettings read(String properties) throws Exception {
        Path file = Files.writeString(dir.resolve("stream.properties"), properties);
        return StreamSettings.from(LifestageConfig.build(Map.of(RulesSettings.DIR, "../rules/pack"), file));
    }
}
