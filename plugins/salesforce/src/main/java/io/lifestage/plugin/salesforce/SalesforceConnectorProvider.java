package io.lifestage.plugin.salesforce;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.crm.Retries;
import io.lifestage.crm.StageDetails;
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

    static final String URL = "url";
    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String API_VERSION = "api-version";
    static final String ID_FIELD = "id-field";
    static final String OBJECTS = "objects";
    static final String FIELDS = "fields";
    static final String BATCH_SIZE = "batch-size";
    static final String SETTLE_TIME = "settle-time";
    static final String STAGE_FIELD = "stage-field";
    static final String STAGES = "stages";

    private static final List<ConfigKey> CONNECTION = List.of(
            ConfigKey.required(URL, ConfigKey.Type.URL, "The org's My Domain URL, such as"
                    + " https://acme.my.salesforce.com."),
            ConfigKey.required(CLIENT_ID, ConfigKey.Type.STRING, "The consumer key of the connected app."),
            ConfigKey.required(CLIENT_SECRET, ConfigKey.Type.STRING, "The consumer secret of the connected app.")
                    .asSecret(),
            ConfigKey.optional(API_VERSION, ConfigKey.Type.STRING, "62.0", "The REST API version."),
            ConfigKey.optional(ID_FIELD, ConfigKey.Type.STRING, "Id", "The field holding the Lifestage customer"
                    + " id, on every object read or written: Id, or an external id such as Lifestage_Id__c."),
            ConfigKey.optional(OBJECTS, ConfigKey.Type.STRING, "Contact,Lead",
                    "The objects read or written, separated by commas."));

    @Override
    public String type() {
        return "salesforce";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<>(Retries.withRetryKeys(CONNECTION, List.of(
                ConfigKey.optional(FIELDS, ConfigKey.Type.STRING, "Email,FirstName,LastName,Title",
                        "Fields read as traits, separated by commas; each must exist on every object."),
                ConfigKey.optional(BATCH_SIZE, ConfigKey.Type.INTEGER, "500", "Most records returned per poll.")
                        .between(1, 2000),
                ConfigKey.optional(SETTLE_TIME, ConfigKey.Type.DURATION, "10s", "Records modified this recently wait"
                        + " for the next poll, so that a transaction still committing is not skipped."))),
                SalesforceSource::new));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<>(Retries.withRetryKeys(CONNECTION, List.of(
                ConfigKey.optional(STAGE_FIELD, ConfigKey.Type.STRING, "Lifecycle_Stage__c",
                        "The field the stage is written to, on every object."),
                ConfigKey.optional(STAGES, ConfigKey.Type.STRING, null, "stage=value pairs, separated by commas: the"
                        + " value written for a stage; a stage not listed is written as its name."),
                ConfigKey.optional(BATCH_SIZE, ConfigKey.Type.INTEGER, "200", "Records per sObject Collections"
                        + " request.").between(1, 200),
                StageSyncSink.UNKNOWN_CUSTOMERS), StageDetails.keys("field")), SalesforceSink::new));
    }
}
