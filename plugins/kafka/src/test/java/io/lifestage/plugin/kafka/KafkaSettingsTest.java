package io.lifestage.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Unusable settings fail {@code start} naming the key; secrets never reach a log line or a message. */
class KafkaSettingsTest {

    private static final String JAAS_SECRET = "jaas-s3cret-4711";
    private static final String STORE_SECRET = "store-s3cret-4712";
    private static final String FILE_SECRET = "file-s3cret-4713";

    private final KafkaConnectorProvider provider = new KafkaConnectorProvider();

    @Test
    void neverLogsOrShowsASecretWhenALoginFails(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "metadata.max.age.ms=60000\n"
                + "ssl.keystore.password=" + FILE_SECRET + "\n");
        Map<String, String> settings = Map.of("bootstrap-servers", TestBroker.bootstrapServers(), "timeout", "1s",
                "security-protocol", "SASL_PLAINTEXT", "sasl-mechanism", "PLAIN",
                "sasl-jaas-config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"lifestage\" password=\"" + JAAS_SECRET + "\";",
                "ssl-truststore-password", STORE_SECRET, "client-properties", file.toString());
        List<String> shown = new ArrayList<>();

        try (CapturedLogs logs = new CapturedLogs()) {
            Source source = provider.source().orElseThrow().newInstance();
            Throwable refused = catchThrowable(() -> source.start(TestContext.forSource(provider).with(settings)
                    .with("topics", "events").build()));
            source.close();
            assertThat(refused).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.retriable()).as("a refused login is final").isFalse());
            shown.addAll(messages(refused));
            Sink sink = provider.sink().orElseThrow().newInstance();
            shown.addAll(messages(catchThrowable(() -> sink.start(TestContext.forSink(provider).with(settings)
                    .build()))));
            sink.close();
            shown.addAll(logs.lines());
        }

        assertThat(shown).as("messages and log lines").isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("ConsumerConfig values"))
                .noneSatisfy(line -> assertThat(line).containsAnyOf(JAAS_SECRET, STORE_SECRET, FILE_SECRET));
    }

    @Test
    void neverShowsASecretOfAMalformedJaasConfig() {
        Source source = provider.source().orElseThrow().newInstance();
        Throwable thrown = catchThrowable(() -> source.start(TestContext.forSource(provider)
                .with("bootstrap-servers", TestBroker.bootstrapServers()).with("topics", "events")
                .with("security-protocol", "SASL_PLAINTEXT").with("sasl-mechanism", "PLAIN")
                .with("sasl-jaas-config", "PlainLoginModule password=\"" + JAAS_SECRET + "\"").build()));

        assertThat(thrown).isInstanceOf(ConnectorException.class);
        assertThat(messages(thrown)).noneSatisfy(line -> assertThat(line).contains(JAAS_SECRET));
    }

    /** The messages of a throwable and its causes. */
    private static List<String> messages(Throwable thrown) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return messages;
    }

    @Test
    void refusesAClientPropertiesFileThatSetsWhatTheConnectorSetsItself(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "enable.idempotence=false\n");
        Sink sink = provider.sink().orElseThrow().newInstance();

        assertThatThrownBy(() -> sink.start(TestContext.forSink(provider)
                .with("bootstrap-servers", TestBroker.bootstrapServers()).with("client-properties", file.toString())
                .build()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessageContaining("'client-properties'").hasMessageContaining("'enable.idempotence'");
        sink.close();
    }

    @Test
    void passesTheClientPropertiesFileToTheClient(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "max.partition.fetch.bytes=lots\n");
        Source source = provider.source().orElseThrow().newInstance();

        assertThatThrownBy(() -> source.start(TestContext.forSource(provider)
                .with("bootstrap-servers", TestBroker.bootstrapServers()).with("topics", "events")
                .with("client-properties", file.toString()).build()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessageContaining("max.partition.fetch.bytes");
        source.close();
    }

    @Test
    void namesTheKeyOfAnUnusableSetting() {
        Map<String, String> unusable = Map.of("topics", "events, not a topic!", "timeout", "10ms",
                "client-properties", "/no/such/client.properties");
        unusable.forEach((key, value) -> {
            Source source = provider.source().orElseThrow().newInstance();
            assertThatThrownBy(() -> source.start(TestContext.forSource(provider)
                    .with("bootstrap-servers", TestBroker.bootstrapServers()).with("topics", "events")
                    .with(key, value).build()))
                    .as("start with %s=%s", key, value)
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                    .hasMessageContaining("'" + key + "'");
            source.close();
        });
    }

    @Test
    void declaresTheRangeOfTheBatchSizeForTheEngineToCheck() {
        assertThat(provider.source().orElseThrow().keys()).filteredOn(key -> key.name().equals("batch-size"))
                .singleElement().extracting(ConfigKey::range).isEqualTo(new ConfigKey.Range(1, 100_000));
    }

    /** Every log line, at INFO and above (Kafka's client configuration dump included), while open. */
    private static final class CapturedLogs implements AutoCloseable {

        private final Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final Level level = root.getLevel();
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        CapturedLogs() {
            appender.start();
            root.addAppender(appender);
            root.setLevel(Level.INFO);
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (ILoggingEvent event : List.copyOf(appender.list)) {
                lines.add(event.getFormattedMessage());
                for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                    lines.add(thrown.getMessage());
                }
            }
            return lines;
        }

        @Override
        public void close() {
            root.setLevel(level);
            root.detachAppender(appender);
        }
    }
}
