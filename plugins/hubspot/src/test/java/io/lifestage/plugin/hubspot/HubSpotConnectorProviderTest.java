package io.lifestage.plugin.hubspot;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.ProviderContract;
import io.lifestage.testkit.SecretKeys;

/** The HubSpot provider honours the provider contract, and its token is the only secret. */
@SecretKeys("token")
class HubSpotConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new HubSpotConnectorProvider();
    }
}
