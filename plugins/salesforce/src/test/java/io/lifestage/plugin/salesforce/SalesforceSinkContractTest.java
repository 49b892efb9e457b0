package io.lifestage.plugin.salesforce;

import io.lifestage.crm.CrmSinkContract;
import java.time.Instant;
import java.util.Map;

/** The Salesforce sink honours the sink contract in state mode against the fake org: two Contacts and a Lead. */
class SalesforceSinkContractTest extends CrmSinkContract<FakeSalesforce> {

    SalesforceSinkContractTest() {
        super(new FakeSalesforce(), new SalesforceConnectorProvider());
    }

    @Override
    protected String add(String customer, Instant at) {
        return crm.add(customer.equals("c3") ? "Lead" : "Contact", Map.of("Lifestage_Id__c", customer), at);
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("url", crm.url(), "client-id", FakeSalesforce.CLIENT_ID, "client-secret",
                FakeSalesforce.CLIENT_SECRET, "id-field", "Lifestage_Id__c");
    }

    @Override
    protected String stage(String record) {
        return crm.value(record.startsWith("00Q") ? "Lead" : "Contact", record, "Lifecycle_Stage__c");
    }
}
