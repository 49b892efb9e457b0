package io.lifestage.plugin.salesforce;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SourceContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Salesforce source honours the source contract against the fake org: Contacts come back in
 * {@code SystemModstamp} order, ties by Id, across query batches, and resume after every batch.
 */
class SalesforceSourceContractTest extends SourceContract {

    @RegisterExtension
    final FakeSalesforce salesforce = new FakeSalesforce();

    @Override
    protected ConnectorProvider provider() {
        return new SalesforceConnectorProvider();
    }

    /** Seven Contacts, two pairs of them modified in the same second, one without a first name. */
    @Override
    protected List<Fact> facts() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        return List.of(
                profile("u1", at, "u1@example.com", "Ada"),
                profile("u2", at.plusSeconds(60), "u2@example.com", "Bo"),
                profile("u3", at.plusSeconds(60), "u3@example.com", "Chlo\u00e9"),
                profile("u4", at.plusSeconds(120), "u4@example.com", null),
                profile("u5", at.plusSeconds(180), "u5@example.com", "Eve"),
                profile("u6", at.plusSeconds(180), "u6@example.com", "Finn"),
                profile("u7", at.plusSeconds(240), "u7@example.com", "Gus"));
    }

    @Override
    protected Input prepare(Path dir, List<Fact> facts) throws Exception {
        salesforce.batchesOf(3);
        add(facts);
        return Input.growing(settings(FakeSalesforce.CLIENT_SECRET), this::add);
    }

    @Override
    protected Map<String, String> failingSettings(Path dir) throws Exception {
        return settings("not-the-secret");
    }

    private Map<String, String> settings(String secret) {
        return Map.of("url", salesforce.url(), "client-id", FakeSalesforce.CLIENT_ID, "client-secret", secret,
                "id-field", "Lifestage_Id__c", "objects", "Contact", "fields", "Email,FirstName", "batch-size", "2",
                "settle-time", "0s");
    }

    private void add(List<Fact> facts) {
        for (Fact fact : facts) {
            CustomerProfile profile = (CustomerProfile) fact;
            Map<String, String> fields = new HashMap<>();
            profile.traits().forEach((name, value) -> fields.put(name, value.toString()));
            fields.put("Lifestage_Id__c", profile.customerId());
            salesforce.add("Contact", fields, profile.updatedAt());
        }
    }

    private static CustomerProfile profile(String id, Instant at, String email, String firstName) {
        Map<String, Object> traits = new HashMap<>(Map.of("Email", email));
        if (firstName != null) {
            traits.put("FirstName", firstName);
        }
        return new CustomerProfile(id, traits, at);
    }
}
