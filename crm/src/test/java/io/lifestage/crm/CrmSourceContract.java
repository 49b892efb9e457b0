package io.lifestage.crm;

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
 * The source contract for a CRM connector, whose source reads records as customer profiles: seven records, two
 * pairs of them modified at the same instant, one without a first name, added to the CRM's fake with the field that
 * holds the Lifestage id. A subclass names the connector, its fake and the CRM's fields, and adds the records to the
 * fake.
 *
 * @param <F> the fake of the CRM
 */
public abstract class CrmSourceContract<F extends FakeCrmServer> extends SourceContract {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    /** The fake CRM of this test, stopped after it. */
    @RegisterExtension
    protected final F crm;
    private final ConnectorProvider provider;
    private final Fields fields;
    private final String credential;

    /**
     * The CRM's names of what the contract writes and reads back.
     *
     * @param id        the field that holds the Lifestage customer id
     * @param email     the field of the email, read as a trait
     * @param firstName the field of the first name, read as a trait
     */
    public record Fields(String id, String email, String firstName) {
    }

    /**
     * @param crm        a new fake of the CRM, which the contract stops after the test
     * @param provider   the connector whose source reads it
     * @param fields     the CRM's names of the fields the contract uses
     * @param credential the secret the fake CRM accepts; the contract tries a wrong one too
     */
    protected CrmSourceContract(F crm, ConnectorProvider provider, Fields fields, String credential) {
        this.crm = crm;
        this.provider = provider;
        this.fields = fields;
        this.credential = credential;
    }

    /** Adds a record with these fields, modified at {@code at}, to the fake CRM. */
    protected abstract void add(Map<String, String> fields, Instant at);

    /** The source's settings to read the fake CRM with this secret. */
    protected abstract Map<String, String> settings(String credential);

    @Override
    protected final ConnectorProvider provider() {
        return provider;
    }

    @Override
    protected List<Fact> facts() {
        return List.of(
                profile("u1", AT, "Ada"),
                profile("u2", AT.plusSeconds(60), "Bo"),
                profile("u3", AT.plusSeconds(60), "Chlo\u00e9"),
                profile("u4", AT.plusSeconds(120), null),
                profile("u5", AT.plusSeconds(180), "Eve"),
                profile("u6", AT.plusSeconds(180), "Finn"),
                profile("u7", AT.plusSeconds(240), "Gus"));
    }

    @Override
    protected Input prepare(Path dir, List<Fact> facts) throws Exception {
        add(facts);
        return Input.growing(settings(credential), this::add);
    }

    @Override
    protected Map<String, String> failingSettings(Path dir) {
        return settings("not-the-" + credential);
    }

    private void add(List<Fact> facts) {
        for (Fact fact : facts) {
            CustomerProfile profile = (CustomerProfile) fact;
            Map<String, String> record = new HashMap<>();
            profile.traits().forEach((name, value) -> record.put(name, value.toString()));
            record.put(fields.id(), profile.customerId());
            add(record, profile.updatedAt());
        }
    }

    private CustomerProfile profile(String id, Instant at, String firstName) {
        Map<String, Object> traits = new HashMap<>(Map.of(fields.email(), id + "@example.com"));
        if (firstName != null) {
            traits.put(fields.firstName(), firstName);
        }
        return new CustomerProfile(id, traits, at);
    }
}
