package io.lifestage.plugin.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.ProviderContract;
import org.junit.jupiter.api.Test;

/** The provider honours the test kit's provider contract, and marks the credentials among its keys as secret. */
class HttpConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new HttpConnectorProvider();
    }

    @Test
    void marksCredentialsAsSecret() {
        assertThat(keys().filter(ConfigKey::secret).map(ConfigKey::name).distinct())
                .containsExactlyInAnyOrder("bearer-token", "signing-secret");
    }
}
