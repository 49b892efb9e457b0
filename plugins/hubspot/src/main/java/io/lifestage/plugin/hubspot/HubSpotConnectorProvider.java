package io.lifestage.plugin.hubspot;

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
 * The {@code hubspot} connector: a source of HubSpot contacts as customer profiles, read incrementally by
 * modification date through the CRM v3 search API, and a sink that writes each customer's stage to the contact's
 * lifecycle stage with the batch update API. Settings, the default stage mapping and rate limits are in this
 * module's README.
 */
public final class HubSpotConnectorProvider implements ConnectorProvider {

    static final String BASE_URL = "base-url";
    static final String TOKEN = "token";
    static final String ID_PROPERTY = "id-property";
    static final String RATE_LIMIT = "rate-limit";
    static final String PROPERTIES = "properties";
    static final String PAGE_SIZE = "page-size";
    static final String SETTLE_TIME = "settle-time";
    static final String STAGE_PROPERTY = "stage-property";
    static final String STAGES = "stages";
    static final String STAGE_ORDER = "stage-order";
    static final String BATCH_SIZE = "batch-size";
    /** The contact's record id, which needs no {@code idProperty} in a batch request. */
    static final String RECORD_ID = "hs_object_id";

    private static final List<ConfigKey> CONNECTION = List.of(
            ConfigKey.optional(BASE_URL, ConfigKey.Type.URL, "https://api.hubapi.com", "The HubSpot API."),
            ConfigKey.required(TOKEN, ConfigKey.Type.STRING, "The access token of a private app.").asSecret(),
            ConfigKey.optional(ID_PROPERTY, ConfigKey.Type.STRING, RECORD_ID, "The contact property holding the"
                    + " Lifestage customer id: hs_object_id, or a unique property such as email."),
            ConfigKey.optional(RATE_LIMIT, ConfigKey.Type.INTEGER, "100", "Most requests per 10 seconds: 100 for"
                    + " a private app on Free or Starter, 190 on Professional or Enterprise.").between(1, 1000));

    @Override
    public String type() {
        return "hubspot";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<>(Retries.withRetryKeys(CONNECTION, List.of(
                ConfigKey.optional(PROPERTIES, ConfigKey.Type.STRING, "email,firstname,lastname,country,company,"
                        + "createdate", "Contact properties read as traits, separated by commas."),
                ConfigKey.optional(PAGE_SIZE, ConfigKey.Type.INTEGER, "100", "Contacts asked for per search.")
                        .between(1, 100),
                ConfigKey.optional(SETTLE_TIME, ConfigKey.Type.DURATION, "10s", "Contacts modified this recently"
                        + " wait for the next poll, until HubSpot's search index has them."))), HubSpotSource::new));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<>(Retries.withRetryKeys(CONNECTION, List.of(
                ConfigKey.optional(STAGE_PROPERTY, ConfigKey.Type.STRING, "lifecyclestage",
                        "The contact property the stage is written to."),
                ConfigKey.optional(STAGES, ConfigKey.Type.STRING, StageMapping.DEFAULT_STAGES,
                        "stage=value pairs, separated by commas: the property value written for each stage."),
                ConfigKey.optional(STAGE_ORDER, ConfigKey.Type.STRING, StageMapping.DEFAULT_ORDER, "The property's"
                        + " values in HubSpot's order; a move to an earlier value clears the property first."),
                ConfigKey.optional(BATCH_SIZE, ConfigKey.Type.INTEGER, "100", "Contacts per batch request.")
                        .between(1, 100),
                StageSyncSink.UNKNOWN_CUSTOMERS), StageDetails.keys("property")), HubSpotSink::new));
    }
}
