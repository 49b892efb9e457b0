package io.lifestage.plugin.hubspot;

import io.lifestage.crm.CrmSinkContract;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HubSpot sink honours the sink contract in state mode against the fake account, whose lifecycle stage only
 * moves forward: the contract's move of c2 from loyalty back to retention must clear the property first.
 */
class HubSpotSinkContractTest extends CrmSinkContract<FakeHubSpot> {

    /** One value per stage, so that each value reads back as one stage. */
    static final String STAGES = "awareness=subscriber,consideration=lead,conversion=opportunity,retention=customer,"
            + "loyalty=evangelist,churn=other";

    HubSpotSinkContractTest() {
        super(new FakeHubSpot(), new HubSpotConnectorProvider());
    }

    @Override
    protected String add(String customer, Instant at) {
        return Long.toString(crm.add(Map.of("lifestage_id", customer, "email", customer + "@example.com"), at));
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("base-url", crm.url(), "token", FakeHubSpot.TOKEN, "id-property", "lifestage_id",
                "stages", STAGES);
    }

    @Override
    protected String stage(String record) {
        Map<String, String> stageOfValue = new TreeMap<>();
        for (String pair : STAGES.split(",")) {
            stageOfValue.put(pair.split("=")[1], pair.split("=")[0]);
        }
        return stageOfValue.get(crm.value(Long.parseLong(record), "lifecyclestage"));
    }
}
