package io.lifestage.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Decision;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.TestContext;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine finds the connector by its type, also in the plugins directory, where the thread's context class loader
 * is the engine's; its settings are declared, documented and secrets marked.
 */
class KafkaConnectorProviderTest {

    private final KafkaConnectorProvider provider = new KafkaConnectorProvider();

    @Test
    void isFoundByTheServiceLoaderAsTypeKafka() {
        List<ConnectorProvider> found = ServiceLoader.load(ConnectorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.type().equals("kafka"))
                .toList();

        assertThat(found).singleElement().isInstanceOf(KafkaConnectorProvider.class);
        assertThat(found.get(0).source().orElseThrow().newInstance()).isInstanceOf(KafkaSource.class);
        assertThat(found.get(0).sink().orElseThrow().newInstance()).isInstanceOf(KafkaSink.class);
    }

    @Test
    void marksTheCredentialsAsSecret() {
        assertThat(keys().filter(ConfigKey::secret).map(ConfigKey::name).distinct()).containsExactlyInAnyOrder(
                "sasl-jaas-config", "ssl-truststore-password", "ssl-keystore-password", "ssl-key-password");
    }

    @Test
    void documentsEveryKeyInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(keys()).allSatisfy(key -> assertThat(readme).contains("| `" + key.name() + "` |"));
    }

    @Test
    void worksWhereTheThreadsContextClassLoaderCannotSeeKafkaAsInThePluginsDirectory() {
        String topic = TestBroker.topic(1);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader()));
        try (Sink sink = provider.sink().orElseThrow().newInstance();
             Source source = provider.source().orElseThrow().newInstance()) {
            sink.start(TestContext.forSink(provider).with("bootstrap-servers", TestBroker.bootstrapServers())
                    .with("write", "decisions").with("decisions-topic", topic).build());
            sink.writeDecisions(List.of(new Decision("c1", "awareness", "awareness-seen", "seen",
                    Instant.parse("2026-11-01T00:00:00Z"), "v1")));
            sink.flush();
            source.start(TestContext.forSource(provider).with("bootstrap-servers", TestBroker.bootstrapServers())
                    .with("topics", topic).build());
            assertThat(KafkaSourceTest.readToEnd(source)).as("a decision is no Segment call").isEmpty();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private Stream<ConfigKey> keys() {
        return Stream.concat(provider.source().orElseThrow().keys().stream(),
                provider.sink().orElseThrow().keys().stream());
    }
}
