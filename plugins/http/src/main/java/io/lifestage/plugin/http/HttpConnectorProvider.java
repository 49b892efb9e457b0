package io.lifestage.plugin.http;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.util.List;
import java.util.Optional;

/**
 * The {@code http} connector: a sink that posts transitions and decisions to a webhook, signed and retried, and a
 * source that pages through a JSON API of Segment-style calls. Settings are listed in this module's README.
 */
public final class HttpConnectorProvider implements ConnectorProvider {

    static final String URL = "url";
    static final String BEARER_TOKEN = "bearer-token";
    static final String TIMEOUT = "timeout";
    static final String MAX_ATTEMPTS = "max-attempts";
    static final String BACKOFF_INITIAL = "backoff-initial";
    static final String BACKOFF_MAX = "backoff-max";
    static final String RECORDS = "records";
    static final String PAGING = "paging";
    static final String CURSOR_FIELD = "cursor-field";
    static final String CURSOR_PARAM = "cursor-param";
    static final String PAGE_PARAM = "page-param";
    static final String PAGE_SIZE_PARAM = "page-size-param";
    static final String PAGE_SIZE = "page-size";
    static final String SEND = "send";
    static final String BATCH_SIZE = "batch-size";
    static final String SIGNING_SECRET = "signing-secret";

    private static final List<ConfigKey> CONNECTION = List.of(
            ConfigKey.required(URL, ConfigKey.Type.URL, "The http or https URL to call."),
            ConfigKey.optional(BEARER_TOKEN, ConfigKey.Type.STRING, null,
                    "Sent as 'Authorization: Bearer <token>' when set.").asSecret(),
            ConfigKey.optional(TIMEOUT, ConfigKey.Type.DURATION, "10s",
                    "How long to wait to connect, and then for an answer, before the attempt counts as failed."),
            ConfigKey.optional(MAX_ATTEMPTS, ConfigKey.Type.INTEGER, "5",
                    "Attempts per request, the first included, before a retriable failure goes to the engine.")
                    .between(1, Integer.MAX_VALUE),
            ConfigKey.optional(BACKOFF_INITIAL, ConfigKey.Type.DURATION, "500ms",
                    "Pause after the first failed attempt; it doubles after each further one, with jitter."),
            ConfigKey.optional(BACKOFF_MAX, ConfigKey.Type.DURATION, "30s",
                    "Longest pause between attempts, also the longest Retry-After honoured."));

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<Source>(CONNECTION, RestSource::new).withKeys(
                ConfigKey.optional(RECORDS, ConfigKey.Type.STRING, "/data",
                        "JSON pointer to the array of records in each answer."),
                ConfigKey.choice(PAGING, "How to ask for the next page.", "cursor", "page", "none"),
                ConfigKey.optional(CURSOR_FIELD, ConfigKey.Type.STRING, "/next_cursor",
                        "JSON pointer to the next cursor in an answer; absent, null or empty at the end."),
                ConfigKey.optional(CURSOR_PARAM, ConfigKey.Type.STRING, "cursor",
                        "Query parameter that carries the cursor."),
                ConfigKey.optional(PAGE_PARAM, ConfigKey.Type.STRING, "page",
                        "Query parameter that carries the page number, from 1."),
                ConfigKey.optional(PAGE_SIZE_PARAM, ConfigKey.Type.STRING, null,
                        "Query parameter that carries the page size; set with page-size."),
                ConfigKey.optional(PAGE_SIZE, ConfigKey.Type.INTEGER, null,
                        "Records to ask for per page; set with page-size-param.")));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<Sink>(CONNECTION, WebhookSink::new).withKeys(
                ConfigKey.choice(SEND, "What to post: transitions, decisions, both of those, the actions due"
                        + " (with their payloads), or all three.",
                        "transitions", "decisions", "both", "actions", "all"),
                ConfigKey.optional(BATCH_SIZE, ConfigKey.Type.INTEGER, "100", "Most records per request.")
                        .between(1, Integer.MAX_VALUE),
                ConfigKey.optional(SIGNING_SECRET, ConfigKey.Type.STRING, null,
                        "Key of the X-Lifestage-Signature HMAC-SHA256; no signature when unset.").asSecret()));
    }
}
