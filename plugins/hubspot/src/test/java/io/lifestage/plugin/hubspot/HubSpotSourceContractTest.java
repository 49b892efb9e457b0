package io.lifestage.plugin.hubspot;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.crm.CrmSourceContract;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HubSpot source honours the source contract against the fake account: profiles come back in modification
 * order, also across contacts modified in the same millisecond, and resume after every batch.
 */
class HubSpotSourceContractTest extends CrmSourceContract {

    @RegisterExtension
    final FakeHubSpot hubspot = new FakeHubSpot();

    HubSpotSourceContractTest() {
        super(new Fields("lifestage_id", "email", "firstname"), FakeHubSpot.TOKEN);
    }

    @Override
    protected ConnectorProvider provider() {
        return new HubSpotConnectorProvider();
    }

    @Override
    protected void add(Map<String, String> properties, Instant at) {
        hubspot.add(properties, at);
    }

    @Override
    protected Map<String, String> settings(String token) {
        return Map.of("base-url", hubspot.url(), "token", token, "id-property", "lifestage_id",
                "properties", "email,firstname", "page-size", "2", "settle-time", "0s");
    }
}
