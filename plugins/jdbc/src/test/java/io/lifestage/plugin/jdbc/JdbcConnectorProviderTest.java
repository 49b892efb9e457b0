package io.lifestage.plugin.jdbc;

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
class JdbcConnectorProviderTest {

    private final JdbcConnectorProvider provider = new JdbcConnectorProvider();

    @Test
    void isFoundByTheServiceLoaderAsTypeJdbc() {
        List<ConnectorProvider> found = ServiceLoader.load(ConnectorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.type().equals("jdbc"))
                .toList();

        assertThat(found).singleElement().isInstanceOf(JdbcConnectorProvider.class);
        assertThat(found.get(0).source().orElseThrow().newInstance()).isInstanceOf(JdbcSource.class);
        assertThat(found.get(0).sink().orElseThrow().newInstance()).isInstanceOf(JdbcSink.class);
    }

    @Test
    void marksOnlyThePasswordAsSecret() {
        assertThat(keys().filter(ConfigKey::secret).map(ConfigKey::name).distinct())
                .containsExactly("password");
    }

    @Test
    void documentsEveryKeyInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(keys()).allSatisfy(key -> assertThat(readme).contains("| `" + key.name() + "` |"));
    }

    /** The keys of the source and of the sink. */
    private Stream<ConfigKey> keys() {
        return Stream.concat(provider.source().orElseThrow().keys().stream(),
                provider.sink().orElseThrow().keys().stream());
    }
}
