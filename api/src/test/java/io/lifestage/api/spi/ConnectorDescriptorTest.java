package io.lifestage.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Fact;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorDescriptorTest {

    private static final ConfigKey URL = ConfigKey.required("url", ConfigKey.Type.URL, "Where the API is.");
    private static final ConfigKey PAGE_SIZE = ConfigKey.optional("page-size", ConfigKey.Type.INTEGER, "100",
            "Records per page.");

    @Test
    void addsTheKeysOfOneRoleAfterTheSharedOnesKeepingTheFactory() {
        ConnectorDescriptor<Source> shared = new ConnectorDescriptor<>(List.of(URL), EmptySource::new);

        ConnectorDescriptor<Source> source = shared.withKeys(PAGE_SIZE);

        assertThat(source.keys()).containsExactly(URL, PAGE_SIZE);
        assertThat(shared.keys()).containsExactly(URL);
        assertThat(source.newInstance()).isInstanceOf(EmptySource.class).isNotSameAs(source.newInstance());
    }

    private static final class EmptySource implements Source {

        @Override
        public void start(ConnectorContext context) {
        }

        @Override
        public List<Fact> poll() {
            return List.of();
        }

        @Override
        public String position() {
            return "";
        }

        @Override
        public void close() {
        }
    }
}
