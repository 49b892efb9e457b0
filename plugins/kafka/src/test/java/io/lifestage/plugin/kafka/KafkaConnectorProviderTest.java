package io.lifestage.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Decision;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.ProviderContract;
import io.lifestage.testkit.SecretKeys;
import io.lifestage.testkit.TestContext;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provider honours the test kit's provider contract, marks the credentials among its keys as secret, and its
 * connectors work also in the plugins directory, where the thread's context class loader is the engine's.
 */
@SecretKeys({"sasl-jaas-config", "ssl-truststore-password", "ssl-keystore-password", "ssl-key-password"})
class KafkaConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new KafkaConnectorProvider();
    }

    @Test
    void worksWhereTheThreadsContextClassLoaderCannotSeeKafkaAsInThePluginsDirectory() {
        String topic = TestBroker.topic(1);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader()));
        try (Sink sink = provider().sink().orElseThrow().newInstance();
             Source source = provider().source().orElseThrow().newInstance()) {
            sink.start(TestContext.forSink(provider()).with("bootstrap-servers", TestBroker.bootstrapServers())
                    .with("write", "decisions").with("decisions-topic", topic).build());
            sink.writeDecisions(List.of(new Decision("c1", "awareness", "awareness-seen", "seen",
                    Instant.parse("2026-11-01T00:00:00Z"), "v1")));
            sink.flush();
            source.start(TestContext.forSource(provider()).with("bootstrap-servers", TestBroker.bootstrapServers())
                    .with("topics", topic).build());
            assertThat(KafkaSourceTest.readToEnd(source)).as("a decision is no Segment call").isEmpty();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
