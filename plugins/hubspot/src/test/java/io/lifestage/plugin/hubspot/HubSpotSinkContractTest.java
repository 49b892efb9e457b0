package io.lifestage.plugin.hubspot;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SinkContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HubSpot sink honours the sink contract in state mode against the fake account, whose lifecycle stage only
 * moves forward: the contract's move of c2 from loyalty back to retention must clear the property first.
 */
class HubSpotSinkContractTest extends SinkContract {

    /** One value per stage, so that each value reads back as one stage. */
    static final String STAGES = "awareness=subscriber,consideration=lead,conversion=opportunity,retention=customer,"
            + "loyalty=evangelist,churn=other";

    private final Map<Long, String> customers = new TreeMap<>();
    @RegisterExtension
    final FakeHubSpot hubspot = new FakeHubSpot();

    @Override
    protected ConnectorProvider provider() {
        return new HubSpotConnectorProvider();
    }

    @Override
    protected Map<String, String> prepare(Path dir) throws Exception {
        for (String customer : new String[] {"c1", "c2", "c3"}) {
            customers.put(hubspot.add(Map.of("lifestage_id", customer, "email", customer + "@example.com"),
                    Instant.parse("2026-01-01T00:00:00Z")), customer);
        }
        return Map.of("base-url", hubspot.url(), "token", FakeHubSpot.TOKEN, "id-property", "lifestage_id",
                "stages", STAGES);
    }

    @Override
    protected Stored readBack(Path dir, Map<String, String> settings) {
        Map<String, String> stageOfValue = new TreeMap<>();
        for (String pair : STAGES.split(",")) {
            stageOfValue.put(pair.split("=")[1], pair.split("=")[0]);
        }
        Map<String, String> stages = new TreeMap<>();
        customers.forEach((id, customer) -> {
            String value = hubspot.value(id, "lifecyclestage");
            if (value != null && !value.isEmpty()) {
                stages.put(customer, stageOfValue.get(value));
            }
        });
        return Stored.stages(stages);
    }

    @Override
    protected boolean idempotent() {
        return true;
    }
}
