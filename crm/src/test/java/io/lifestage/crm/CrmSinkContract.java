package io.lifestage.crm;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SinkContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink contract for a CRM connector, whose sink keeps one stage per customer in a field of the customer's record
 * (state mode): a record for each of the contract's customers c1, c2 and c3 is in the CRM's fake before the sink
 * starts, and what the sink stored is read back from the stage field of those records. Writing a stage again
 * changes nothing, so the sink is idempotent. A subclass names the connector and its fake, adds the records and reads
 * the field.
 *
 * @param <F> the fake of the CRM
 */
public abstract class CrmSinkContract<F extends FakeCrmServer> extends SinkContract {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    /** The fake CRM of this test, stopped after it. */
    @RegisterExtension
    protected final F crm;
    private final ConnectorProvider provider;
    /** The id of each customer's record in the fake CRM, by customer. */
    private final Map<String, String> records = new TreeMap<>();

    /**
     * @param crm      a new fake of the CRM, which the contract stops after the test
     * @param provider the connector whose sink writes to it
     */
    protected CrmSinkContract(F crm, ConnectorProvider provider) {
        this.crm = crm;
        this.provider = provider;
    }

    /** Adds the record of a customer, holding its Lifestage id, to the fake CRM; returns the record's id there. */
    protected abstract String add(String customer, Instant at);

    /** The sink's settings to write to the fake CRM. */
    protected abstract Map<String, String> settings();

    /** The stage the record's stage field holds, as a Lifestage stage name; null or empty when it holds none. */
    protected abstract String stage(String record);

    @Override
    protected final ConnectorProvider provider() {
        return provider;
    }

    @Override
    protected Map<String, String> prepare(Path dir) throws Exception {
        for (String customer : new String[] {"c1", "c2", "c3"}) {
            records.put(customer, add(customer, AT));
        }
        return settings();
    }

    @Override
    protected Stored readBack(Path dir, Map<String, String> settings) {
        Map<String, String> stages = new TreeMap<>();
        records.forEach((customer, record) -> {
            String stage = stage(record);
            if (stage != null && !stage.isEmpty()) {
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
