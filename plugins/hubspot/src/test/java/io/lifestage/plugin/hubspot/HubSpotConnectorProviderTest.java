package io.lifestage.plugin.hubspot;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.ProviderContract;
import java.util.Set;

/** The HubSpot provider honours the provider contract, and its token is the only secret. */
class HubSpotConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new HubSpotConnectorProvider();
    }

    @Override
    protected Set<String> secretKeys() {
        return Set.of("token");
    }
}
