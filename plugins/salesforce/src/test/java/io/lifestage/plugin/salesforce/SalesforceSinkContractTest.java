package io.lifestage.plugin.salesforce;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SinkContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Salesforce sink honours the sink contract in state mode against the fake org: two Contacts and a Lead. */
class SalesforceSinkContractTest extends SinkContract {

    private final Map<String, String> customers = new TreeMap<>();
    @RegisterExtension
    final FakeSalesforce salesforce = new FakeSalesforce();

    @Override
    protected ConnectorProvider provider() {
        return new SalesforceConnectorProvider();
    }

    @Override
    protected Map<String, String> prepare(Path dir) throws Exception {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        customers.put("c1", salesforce.add("Contact", Map.of("Lifestage_Id__c", "c1"), at));
        customers.put("c2", salesforce.add("Contact", Map.of("Lifestage_Id__c", "c2"), at));
        customers.put("c3", salesforce.add("Lead", Map.of("Lifestage_Id__c", "c3"), at));
        return Map.of("url", salesforce.url(), "client-id", FakeSalesforce.CLIENT_ID, "client-secret",
                FakeSalesforce.CLIENT_SECRET, "id-field", "Lifestage_Id__c");
    }

    @Override
    protected Stored readBack(Path dir, Map<String, String> settings) {
        Map<String, String> stages = new TreeMap<>();
        customers.forEach((customer, id) -> {
            String stage = salesforce.value(id.startsWith("00Q") ? "Lead" : "Contact", id, "Lifecycle_Stage__c");
            if (stage != null) {
                stages.put(customer, stage);
            }
        });
        return Stored.stages(stages);
    }

    @Override
    protected boolean idempotent() {
        return true;
    }
}
