package io.lifestage.plugin.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.segment.RecordJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * How one kind of record goes into a webhook body, {@code {"transitions":[…]}}, {@code {"decisions":[…]}} or
 * {@code {"actions":[…]}}: each record as {@link RecordJson} writes it (as the kafka sink does), its id (a
 * transition's or action's own id; a decision's customer id and as-of instant) and the {@code Idempotency-Key} of
 * a batch, a digest of its ids that is the same whenever the same batch is sent again.
 *
 * @param <T> the record type
 */
final class WebhookPayload<T extends Record> {

    static final WebhookPayload<Transition> TRANSITIONS = new WebhookPayload<>("transitions", Transition::id);
    static final WebhookPayload<ActionFired> ACTIONS = new WebhookPayload<>("actions", ActionFired::id);
    static final WebhookPayload<Decision> DECISIONS = new WebhookPayload<>("decisions",
            decision -> decision.customerId() + "@" + decision.asOf());

    private interface Content {
        void writeTo(JsonGenerator json) throws IOException;
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final String field;
    private final Function<T, String> id;

    private WebhookPayload(String field, Function<T, String> id) {
        this.field = field;
        this.id = id;
    }

    String id(T record) {
        return id.apply(record);
    }

    /** The request body for a batch. */
    String body(List<T> batch) {
        return write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart(field);
            for (T record : batch) {
                RecordJson.write(json, record);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** One record alone, as it appears in the body: for the dead-letter output. */
    String json(T record) {
        return write(json -> RecordJson.write(json, record));
    }

    /** The hex SHA-256 of the kind and the ids of the batch, one per line. */
    String idempotencyKey(List<T> batch) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(field.getBytes(StandardCharsets.UTF_8));
            for (T record : batch) {
                digest.update((byte) '\n');
                digest.update(id(record).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    }

    private static String write(Content content) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            content.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to a string", e);
        }
        return out.toString();
    }
}
