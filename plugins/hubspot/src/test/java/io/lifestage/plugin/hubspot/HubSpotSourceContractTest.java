package io.lifestage.plugin.hubspot;

import io.lifestage.crm.CrmSourceContract;
import java.time.Instant;
import java.util.Map;

/**
 * The HubSpot source honours the source contract against the fake account: profiles come back in modification
 * order, also across contacts modified in the same millisecond, and resume after every batch.
 */
class HubSpotSourceContractTest extends CrmSourceContract<FakeHubSpot> {

    HubSpotSourceContractTest() {
        super(new FakeHubSpot(), new HubSpotConnectorProvider(), new Fields("lifestage_id", "email", "firstname"),
                FakeHubSpot.TOKEN);
    }

    @Override
    protected void add(Map<String, String> properties, Instant at) {
        crm.add(properties, at);
    }

    @Override
    protected Map<String, String> settings(String token) {
        return Map.of("base-url", crm.url(), "token", token, "id-property", "lifestage_id",
                "properties", "email,firstname", "page-size", "2", "settle-time", "0s");
    }
}
