package io.lifestage.plugin.hubspot;

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
 * The HubSpot source honours the source contract against the fake account: profiles come back in modification
 * order, also across contacts modified in the same millisecond, and resume after every batch.
 */
class HubSpotSourceContractTest extends SourceContract {

    @RegisterExtension
    final FakeHubSpot hubspot = new FakeHubSpot();

    @Override
    protected ConnectorProvider provider() {
        return new HubSpotConnectorProvider();
    }

    /** Seven contacts, two pairs of them modified in the same millisecond, one without a first name. */
    @Override
    protected List<Fact> facts() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        return List.of(
                profile("u1", at, "u1@example.com", "Ada", "FR"),
                profile("u2", at.plusSeconds(60), "u2@example.com", "Bo", "GB"),
                profile("u3", at.plusSeconds(60), "u3@example.com", "Chlo\u00e9", "DE"),
                profile("u4", at.plusSeconds(120), "u4@example.com", null, "US"),
                profile("u5", at.plusSeconds(180), "u5@example.com", "Eve", "FR"),
                profile("u6", at.plusSeconds(180), "u6@example.com", "Finn", "IE"),
                profile("u7", at.plusSeconds(240), "u7@example.com", "Gus", "NL"));
    }

    @Override
    protected Input prepare(Path dir, List<Fact> facts) throws Exception {
        add(facts);
        return Input.growing(settings(FakeHubSpot.TOKEN), this::add);
    }

    @Override
    protected Map<String, String> failingSettings(Path dir) throws Exception {
        return settings("not-the-token");
    }

    private Map<String, String> settings(String token) {
        return Map.of("base-url", hubspot.url(), "token", token, "id-property", "lifestage_id",
                "properties", "email,firstname,country", "page-size", "2", "settle-time", "0s");
    }

    private void add(List<Fact> facts) {
        for (Fact fact : facts) {
            CustomerProfile profile = (CustomerProfile) fact;
            Map<String, String> properties = new HashMap<>();
            profile.traits().forEach((name, value) -> properties.put(name, value.toString()));
            properties.put("lifestage_id", profile.customerId());
            hubspot.add(properties, profile.updatedAt());
        }
    }

    static CustomerProfile profile(String id, Instant at, String email, String firstName, String country) {
        Map<String, Object> traits = new HashMap<>(Map.of("email", email, "country", country));
        if (firstName != null) {
            traits.put("firstname", firstName);
        }
        return new CustomerProfile(id, traits, at);
    }
}
