package io.lifestage.plugin.http;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Sink;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Posts transitions, decisions, actions (with their payloads) or several of them to a webhook as JSON batches of
 * {@code batch-size} records. {@code write…} only buffers; {@link #flush} sends every buffered batch and returns
 * once each got a 2xx answer, which is the sink's acknowledgement. A batch leaves the buffer when it is answered, so
 * a flush the engine retries after a retriable failure sends only what is left, with the same
 * {@code Idempotency-Key}s.
 *
 * <p>A 400, 413 or 422 answer refuses the batch's content: its records go to the reject channel and the flush goes
 * on. Any other 4xx means the configuration is wrong, and fails with a non-retriable exception.
 */
final class WebhookSink implements Sink {

    private static final Set<Integer> REFUSED_CONTENT = Set.of(400, 413, 422);

    private final List<Transition> transitions = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final List<ActionFired> actions = new ArrayList<>();
    private ConnectorContext context;
    private URI url;
    private String what;
    private int batchSize;
    private boolean sendTransitions;
    private boolean sendDecisions;
    private boolean sendActions;
    private Optional<Signature> signature;
    private RetryingClient client;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.url = Settings.url(context);
        this.what = "POST " + Settings.shown(url);
        this.batchSize = context.integerSetting(HttpConnectorProvider.BATCH_SIZE);
        String send = context.requiredSetting(HttpConnectorProvider.SEND);
        this.sendTransitions = Set.of("transitions", "both", "all").contains(send);
        this.sendDecisions = Set.of("decisions", "both", "all").contains(send);
        this.sendActions = Set.of("actions", "all").contains(send);
        this.signature = context.nonBlankSetting(HttpConnectorProvider.SIGNING_SECRET).map(Signature::new);
        this.client = new RetryingClient(context);
    }

    @Override
    public void writeTransitions(List<Transition> batch) {
        requireStarted();
        if (sendTransitions) {
            transitions.addAll(batch);
        }
    }

    @Override
    public void writeDecisions(List<Decision> batch) {
        requireStarted();
        if (sendDecisions) {
            decisions.addAll(batch);
        }
    }

    @Override
    public void writeActions(List<ActionFired> batch) {
        requireStarted();
        if (sendActions) {
            actions.addAll(batch);
        }
    }

    private void requireStarted() {
        if (context == null) {
            throw new IllegalStateException("the webhook sink was not started: call start(context) before writing");
        }
    }

    @Override
    public void flush() {
        requireStarted();
        sendAll(decisions, WebhookPayload.DECISIONS);
        sendAll(transitions, WebhookPayload.TRANSITIONS);
        sendAll(actions, WebhookPayload.ACTIONS);
    }

    private <T extends Record> void sendAll(List<T> buffer, WebhookPayload<T> payload) {
        while (!buffer.isEmpty()) {
            List<T> batch = buffer.subList(0, Math.min(batchSize, buffer.size()));
            send(batch, payload);
            batch.clear();
        }
    }

    private <T extends Record> void send(List<T> batch, WebhookPayload<T> payload) {
        String body = payload.body(batch);
        String idempotencyKey = payload.idempotencyKey(batch);
        HttpResponse<String> response = client.send(() -> request(body, idempotencyKey), what);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String answer = Settings.excerpt(response.body(), 200);
        if (REFUSED_CONTENT.contains(status)) {
            for (T record : batch) {
                context.reject(new Rejection(context.name(), payload.id(record), "HTTP " + status
                        + (answer.isEmpty() ? "" : ": " + answer), payload.json(record)));
            }
            return;
        }
        throw ConnectorException.fatal(what + " answered HTTP " + status
                + (answer.isEmpty() ? "" : " (" + answer + ")") + "; " + advice(status));
    }

    private HttpRequest.Builder request(String body, String idempotencyKey) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .header("X-Lifestage-Timestamp", timestamp);
        signature.ifPresent(sign -> request.header("X-Lifestage-Signature", sign.of(timestamp, body)));
        return request;
    }

    private static String advice(int status) {
        return switch (status) {
            case 401, 403 -> "check setting '" + HttpConnectorProvider.BEARER_TOKEN.name()
                    + "' and the receiver's access rules";
            case 404 -> "check setting '" + HttpConnectorProvider.URL.name() + "'";
            default -> "the receiver refuses these requests; check settings '" + HttpConnectorProvider.URL.name()
                    + "' and '" + HttpConnectorProvider.SEND.name() + "'";
        };
    }

    @Override
    public void close() {
        transitions.clear();
        decisions.clear();
        actions.clear();
    }
}
