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

    static final ConfigKey URL = ConfigKey.required("url", ConfigKey.Type.URL, "The http or https URL to call.");
    static final ConfigKey BEARER_TOKEN = ConfigKey.optional("bearer-token", ConfigKey.Type.STRING, null,
            "Sent as 'Authorization: Bearer <token>' when set.").asSecret();
    static final ConfigKey TIMEOUT = ConfigKey.optional("timeout", ConfigKey.Type.DURATION, "10s",
            "How long to wait to connect, and then for an answer, before the attempt counts as failed.");
    static final ConfigKey MAX_ATTEMPTS = ConfigKey.optional("max-attempts", ConfigKey.Type.INTEGER, "5",
            "Attempts per request, the first included, before a retriable failure goes to the engine.")
            .between(1, Integer.MAX_VALUE);
    static final ConfigKey BACKOFF_INITIAL = ConfigKey.optional("backoff-initial", ConfigKey.Type.DURATION, "500ms",
            "Pause after the first failed attempt; it doubles after each further one, with jitter.");
    static final ConfigKey BACKOFF_MAX = ConfigKey.optional("backoff-max", ConfigKey.Type.DURATION, "30s",
            "Longest pause between attempts, also the longest Retry-After honoured.");

    static final ConfigKey RECORDS = ConfigKey.optional("records", ConfigKey.Type.STRING, "/data",
            "JSON pointer to the array of records in each answer.");
    static final ConfigKey PAGING = ConfigKey.choice("paging", "How to ask for the next page.",
            "cursor", "page", "none");
    static final ConfigKey CURSOR_FIELD = ConfigKey.optional("cursor-field", ConfigKey.Type.STRING, "/next_cursor",
            "JSON pointer to the next cursor in an answer; absent, null or empty at the end.");
    static final ConfigKey CURSOR_PARAM = ConfigKey.optional("cursor-param", ConfigKey.Type.STRING, "cursor",
            "Query parameter that carries the cursor.");
    static final ConfigKey PAGE_PARAM = ConfigKey.optional("page-param", ConfigKey.Type.STRING, "page",
            "Query parameter that carries the page number, from 1.");
    static final ConfigKey PAGE_SIZE_PARAM = ConfigKey.optional("page-size-param", ConfigKey.Type.STRING, null,
            "Query parameter that carries the page size; set with page-size.");
    static final ConfigKey PAGE_SIZE = ConfigKey.optional("page-size", ConfigKey.Type.INTEGER, null,
            "Records to ask for per page; set with page-size-param.");

    static final ConfigKey SEND = ConfigKey.choice("send", "What to post: transitions, decisions, both of those, the"
            + " actions due (with their payloads), or all three.",
            "transitions", "decisions", "both", "actions", "all");
    static final ConfigKey BATCH_SIZE = ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "100",
            "Most records per request.").between(1, Integer.MAX_VALUE);
    static final ConfigKey SIGNING_SECRET = ConfigKey.optional("signing-secret", ConfigKey.Type.STRING, null,
            "Key of the X-Lifestage-Signature HMAC-SHA256; no signature when unset.").asSecret();

    /** The keys of the connection that the source and the sink share: where to call, how to log in and retry. */
    private static final List<ConfigKey> CONNECTION = List.of(URL, BEARER_TOKEN, TIMEOUT, MAX_ATTEMPTS,
            BACKOFF_INITIAL, BACKOFF_MAX);

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<Source>(CONNECTION, RestSource::new)
                .withKeys(RECORDS, PAGING, CURSOR_FIELD, CURSOR_PARAM, PAGE_PARAM, PAGE_SIZE_PARAM, PAGE_SIZE));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<Sink>(CONNECTION, WebhookSink::new)
                .withKeys(SEND, BATCH_SIZE, SIGNING_SECRET));
    }
}
