package io.lifestage.plugin.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.TestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the HubSpot source reads: past the search cap, across crowded instants, and without echoes. */
class HubSpotSourceTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @RegisterExtension
    final FakeHubSpot hubspot = new FakeHubSpot();
    private final Map<TestContext, String> positions = new HashMap<>();

    @Test
    void readsMoreContactsThanASearchCanPageThroughAndFiftyModifiedInOneMillisecond() {
        hubspot.capSearchResults(30);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String id = "u%03d".formatted(i);
            hubspot.add(Map.of("lifestage_id", id, "email", id + "@example.com"),
                    i >= 40 && i < 90 ? AT.plusSeconds(40) : AT.plusSeconds(i));
            expected.add(id);
        }

        List<CustomerProfile> read = readAll(context(Map.of("page-size", "10")));

        assertThat(read).extracting(CustomerProfile::customerId).containsExactlyElementsOf(expected);
        assertThat(hubspot.requests("/search")).noneMatch(search -> search.body().has("after"));
    }

    @Test
    void readsAContactAgainAfterAWriteBackAsTheSameProfileAndAfterATraitChangedAsANewOne() {
        long id = hubspot.add(Map.of("lifestage_id", "u1", "email", "u1@example.com", "country", "FR"), AT);
        TestContext first = context(Map.of());
        CustomerProfile original = readAll(first).get(0);

        hubspot.edit(id, "lifecyclestage", "lead");
        List<CustomerProfile> afterWriteBack = readAll(context(Map.of(), position(first)));
        hubspot.edit(id, "country", "DE");
        List<CustomerProfile> afterEdit = readAll(context(Map.of(), position(first)));

        assertThat(afterWriteBack).containsExactly(original);
        assertThat(afterEdit).singleElement().satisfies(profile -> {
            assertThat(profile.traits()).containsEntry("country", "DE");
            assertThat(profile.updatedAt()).isAfter(original.updatedAt())
                    .isEqualTo(Instant.parse(hubspot.value(id, "lastmodifieddate")));
        });
    }

    @Test
    void refusesToReadTheLifecycleStageItsSinkWrites() {
        Source source = new HubSpotConnectorProvider().source().orElseThrow().newInstance();

        assertThatThrownBy(() -> source.start(context(Map.of("properties", "email,lifecyclestage"))))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("setting 'properties' lists"
                        + " lifecyclestage");
    }

    @Test
    void refusesAPositionItDidNotWriteNamingIt() {
        Source source = new HubSpotConnectorProvider().source().orElseThrow().newInstance();

        assertThatThrownBy(() -> source.start(context(Map.of(), "line 42")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessageContaining("cannot resume at position 'line 42'");
    }

    private List<CustomerProfile> readAll(TestContext context) {
        Source source = new HubSpotConnectorProvider().source().orElseThrow().newInstance();
        source.start(context);
        List<CustomerProfile> profiles = new ArrayList<>();
        for (List<Fact> batch = source.poll(); !batch.isEmpty(); batch = source.poll()) {
            batch.forEach(fact -> profiles.add((CustomerProfile) fact));
        }
        positions.put(context, source.position());
        source.close();
        return profiles;
    }

    private String position(TestContext context) {
        return positions.get(context);
    }

    private TestContext context(Map<String, String> settings) {
        return context(settings, null);
    }

    private TestContext context(Map<String, String> settings, String position) {
        TestContext.Builder builder = TestContext.forSource(new HubSpotConnectorProvider())
                .with("base-url", hubspot.url()).with("token", FakeHubSpot.TOKEN)
                .with("id-property", "lifestage_id").with("properties", "email,country").with("settle-time", "0s")
                .with(settings);
        return position == null ? builder.build() : builder.resumingAt(position).build();
    }
}
