package io.lifestage.plugin.http;

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

/** The engine finds the connector by its type, and its settings are declared and documented. */
class HttpConnectorProviderTest {

    private final HttpConnectorProvider provider = new HttpConnectorProvider();

    @Test
    void isFoundByTheServiceLoaderAsTypeHttp() {
        List<ConnectorProvider> found = ServiceLoader.load(ConnectorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.type().equals("http"))
                .toList();

        assertThat(found).singleElement().isInstanceOf(HttpConnectorProvider.class);
        assertThat(found.get(0).newSource()).isInstanceOf(RestSource.class);
        assertThat(found.get(0).newSink()).isInstanceOf(WebhookSink.class);
    }

    @Test
    void marksCredentialsAsSecret() {
        assertThat(Stream.concat(provider.sourceKeys().stream(), provider.sinkKeys().stream())
                .filter(ConfigKey::secret).map(ConfigKey::name).distinct())
                .containsExactlyInAnyOrder("bearer-token", "signing-secret");
    }

    @Test
    void documentsEveryKeyInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(Stream.concat(provider.sourceKeys().stream(), provider.sinkKeys().stream()))
                .allSatisfy(key -> assertThat(readme).contains("| `" + key.name() + "` |"));
    }
}
