package io.lifestage.plugin.salesforce;

import io.lifestage.api.Fact;
import io.lifestage.crm.CrmSourceContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Salesforce source honours the source contract against the fake org: Contacts come back in
 * {@code SystemModstamp} order, ties by Id, across query batches, and resume after every batch.
 */
class SalesforceSourceContractTest extends CrmSourceContract<FakeSalesforce> {

    SalesforceSourceContractTest() {
        super(new FakeSalesforce(), new SalesforceConnectorProvider(), new Fields("Lifestage_Id__c", "Email",
                "FirstName"), FakeSalesforce.CLIENT_SECRET);
    }

    @Override
    protected Input prepare(Path dir, List<Fact> facts) throws Exception {
        crm.batchesOf(3);
        return super.prepare(dir, facts);
    }

    @Override
    protected void add(Map<String, String> fields, Instant at) {
        crm.add("Contact", fields, at);
    }

    @Override
    protected Map<String, String> settings(String secret) {
        return Map.of("url", crm.url(), "client-id", FakeSalesforce.CLIENT_ID, "client-secret", secret,
                "id-field", "Lifestage_Id__c", "objects", "Contact", "fields", "Email,FirstName", "batch-size", "2",
                "settle-time", "0s");
    }
}
