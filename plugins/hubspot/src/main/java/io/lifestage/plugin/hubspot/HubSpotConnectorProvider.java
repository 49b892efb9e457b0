package io.lifestage.plugin.hubspot;

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
 * The {@code hubspot} connector: a source of HubSpot contacts as customer profiles, read incrementally by
 * modification date through the CRM v3 search API, and a sink that writes each customer's stage to the contact's
 * lifecycle stage with the batch update API. Settings, the default stage mapping and rate limits are in this
 * module's README.
 */
public final class HubSpotConnectorProvider implements ConnectorProvider {

    /** The contact's record id, which needs no {@code idProperty} in a batch request. */
    static final String RECORD_ID = "hs_object_id";

    static final ConfigKey BASE_URL = ConfigKey.optional("base-url", ConfigKey.Type.URL, "https://api.hubapi.com",
            "The HubSpot API.");
    static final ConfigKey TOKEN = ConfigKey.required("token", ConfigKey.Type.STRING,
            "The access token of a private app.").asSecret();
    static final ConfigKey ID_PROPERTY = ConfigKey.optional("id-property", ConfigKey.Type.STRING, RECORD_ID,
            "The contact property holding the Lifestage customer id: hs_object_id, or a unique property such as"
                    + " email.");
    static final ConfigKey RATE_LIMIT = ConfigKey.optional("rate-limit", ConfigKey.Type.INTEGER, "100",
            "Most requests per 10 seconds: 100 for a private app on Free or Starter, 190 on Professional or"
                    + " Enterprise.").between(1, 1000);

    static final ConfigKey PROPERTIES = ConfigKey.optional("properties", ConfigKey.Type.STRING,
            "email,firstname,lastname,country,company,createdate",
            "Contact properties read as traits, separated by commas.");
    static final ConfigKey PAGE_SIZE = ConfigKey.optional("page-size", ConfigKey.Type.INTEGER, "100",
            "Contacts asked for per search.").between(1, 100);
    static final ConfigKey SETTLE_TIME = ConfigKey.optional("settle-time", ConfigKey.Type.DURATION, "10s",
            "Contacts modified this recently wait for the next poll, until HubSpot's search index has them.");

    static final ConfigKey STAGE_PROPERTY = ConfigKey.optional("stage-property", ConfigKey.Type.STRING,
            "lifecyclestage", "The contact property the stage is written to.");
    static final ConfigKey STAGES = ConfigKey.optional("stages", ConfigKey.Type.STRING, StageMapping.DEFAULT_STAGES,
            "stage=value pairs, separated by commas: the property value written for each stage.");
    static final ConfigKey STAGE_ORDER = ConfigKey.optional("stage-order", ConfigKey.Type.STRING,
            StageMapping.DEFAULT_ORDER, "The property's values in HubSpot's order; a move to an earlier value clears"
                    + " the property first.");
    static final ConfigKey BATCH_SIZE = ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "100",
            "Contacts per batch request.").between(1, 100);

    /** The keys of the connection that the source and the sink share: where HubSpot is, the token, the ids. */
    private static final List<ConfigKey> CONNECTION = List.of(BASE_URL, TOKEN, ID_PROPERTY, RATE_LIMIT);

    @Override
    public String type() {
        return "hubspot";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<>(Retries.withRetryKeys(CONNECTION,
                List.of(PROPERTIES, PAGE_SIZE, SETTLE_TIME)), HubSpotSource::new));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<>(StageSyncSink.keys("property", CONNECTION,
                List.of(STAGE_PROPERTY, STAGES, STAGE_ORDER, BATCH_SIZE)), HubSpotSink::new));
    }
}
