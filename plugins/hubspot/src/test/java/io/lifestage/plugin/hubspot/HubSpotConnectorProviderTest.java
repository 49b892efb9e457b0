package io.lifestage.plugin.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.ProviderContract;
import org.junit.jupiter.api.Test;

/** The HubSpot provider honours the provider contract, and its token is the only secret. */
class HubSpotConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new HubSpotConnectorProvider();
    }

    @Test
    void declaresTheTokenAndNothingElseSecret() {
        assertThat(keys().filter(ConfigKey::secret).map(ConfigKey::name).distinct()).containsExactly("token");
    }
}
