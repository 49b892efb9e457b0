package io.lifestage.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine finds the connector by its type, and its settings are declared, documented and secrets marked. */
class KafkaConnectorProviderTest {

    private final KafkaConnectorProvider provider = new KafkaConnectorProvider();

    @Test
    void isFoundByTheServiceLoaderAsTypeKafka() {
        List<ConnectorProvider> found = ServiceLoader.load(ConnectorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.type().equals("kafka"))
                .toList();

        assertThat(found).singleElement().isInstanceOf(KafkaConnectorProvider.class);
        assertThat(found.get(0).newSource()).isInstanceOf(KafkaSource.class);
        assertThat(found.get(0).newSink()).isInstanceOf(KafkaSink.class);
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

    private Stream<ConfigKey> keys() {
        return Stream.concat(provider.sourceKeys().stream(), provider.sinkKeys().stream());
    }
}
