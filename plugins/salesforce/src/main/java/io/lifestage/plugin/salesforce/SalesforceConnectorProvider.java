package io.lifestage.plugin.salesforce;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.crm.Retries;
import io.lifestage.crm.StageSyncSink;
import java.util.List;
import java.util.Optional;

/**
 * The {@code salesforce} connector: a source of Contacts and Leads as customer profiles, read with SOQL
 * incrementally by {@code SystemModstamp}, and a sink that writes each customer's stage to a field of their records
 * with the sObject Collections API. It logs in as a connected app with the OAuth 2.0 client credentials flow.
 * Settings and limits are in this module's README.
 */
public final class SalesforceConnectorProvider implements ConnectorProvider {

    static final ConfigKey URL = ConfigKey.required("url", ConfigKey.Type.URL,
            "The org's My Domain URL, such as https://acme.my.salesforce.com.");
    static final ConfigKey CLIENT_ID = ConfigKey.required("client-id", ConfigKey.Type.STRING,
            "The consumer key of the connected app.");
    static final ConfigKey CLIENT_SECRET = ConfigKey.required("client-secret", ConfigKey.Type.STRING,
            "The consumer secret of the connected app.").asSecret();
    static final ConfigKey API_VERSION = ConfigKey.optional("api-version", ConfigKey.Type.STRING, "62.0",
            "The REST API version.");
    static final ConfigKey ID_FIELD = ConfigKey.optional("id-field", ConfigKey.Type.STRING, "Id",
            "The field holding the Lifestage customer id, on every object read or written: Id, or an external id"
                    + " such as Lifestage_Id__c.");
    static final ConfigKey OBJECTS = ConfigKey.optional("objects", ConfigKey.Type.STRING, "Contact,Lead",
            "The objects read or written, separated by commas.");

    static final ConfigKey FIELDS = ConfigKey.optional("fields", ConfigKey.Type.STRING,
            "Email,FirstName,LastName,Title",
            "Fields read as traits, separated by commas; each must exist on every object.");
    static final ConfigKey SOURCE_BATCH_SIZE = ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "500",
            "Most records returned per poll.").between(1, 2000);
    static final ConfigKey SETTLE_TIME = ConfigKey.optional("settle-time", ConfigKey.Type.DURATION, "10s",
            "Records modified this recently wait for the next poll, so that a transaction still committing is not"
                    + " skipped.");

    static final ConfigKey STAGE_FIELD = ConfigKey.optional("stage-field", ConfigKey.Type.STRING,
            "Lifecycle_Stage__c", "The field the stage is written to, on every object.");
    static final ConfigKey STAGES = ConfigKey.optional("stages", ConfigKey.Type.STRING, null,
            "stage=value pairs, separated by commas: the value written for a stage; a stage not listed is written"
                    + " as its name.");
    static final ConfigKey SINK_BATCH_SIZE = ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "200",
            "Records per sObject Collections request.").between(1, 200);

    /** The keys of the connection that the source and the sink share: the org, the connected app, the records. */
    private static final List<ConfigKey> CONNECTION = List.of(URL, CLIENT_ID, CLIENT_SECRET, API_VERSION, ID_FIELD,
            OBJECTS);

    @Override
    public String type() {
        return "salesforce";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<>(Retries.withRetryKeys(CONNECTION,
                List.of(FIELDS, SOURCE_BATCH_SIZE, SETTLE_TIME)), SalesforceSource::new));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<>(StageSyncSink.keys("field", CONNECTION,
                List.of(STAGE_FIELD, STAGES, SINK_BATCH_SIZE)), SalesforceSink::new));
    }
}
