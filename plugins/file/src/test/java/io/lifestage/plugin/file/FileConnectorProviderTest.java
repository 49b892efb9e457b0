package io.lifestage.plugin.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.spi.ConnectorProvider;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The engine finds the connector through {@code META-INF/services}, by its type. */
class FileConnectorProviderTest {

    @Test
    void isFoundByTheServiceLoaderAsTypeFile() {
        List<ConnectorProvider> files = ServiceLoader.load(ConnectorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.type().equals("file"))
                .toList();

        assertThat(files).singleElement().isInstanceOf(FileConnectorProvider.class);
        assertThat(files.get(0).newSource()).isInstanceOf(FileSource.class);
        assertThat(files.get(0).newSink()).isInstanceOf(FileSink.class);
    }
}
