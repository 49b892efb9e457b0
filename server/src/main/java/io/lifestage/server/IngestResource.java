package io.lifestage.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifestage.api.Event;
import io.lifestage.api.Lifestage;
import io.lifestage.segment.SegmentCall;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ingest: Segment calls one at a time or in batches, in the shape Segment's and RudderStack's client libraries send
 * (which also post to {@code /v1/track}, {@code /v1/identify}, {@code /v1/page} and {@code /v1/screen}). Accepted
 * calls are stored at once and evaluated in the background; a batch reports each refused call with its index.
 */
@Singleton
@Path("/v1")
public class IngestResource {

    private final Lifestage lifestage;
    private final ServerSetup settings;
    private final ServerMetrics metrics;

    @Inject
    IngestResource(Lifestage lifestage, ServerSetup settings, ServerMetrics metrics) {
        this.lifestage = lifestage;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * One Segment call: {@code /v1/events} takes any type (the call's {@code type} field), the others the call of their
     * name, as Segment's HTTP API takes them.
     */
    @POST
    @Path("{type: events|track|identify|page|screen}")
    public Response single(@PathParam("type") String path, InputStream body) {
        String type = path.equals("events") ? null : path;
        SegmentCall.Parsed parsed = parse(receivedAt(Json.read(body, settings.maxRequestBytes()),
                Instant.now().toString()), type);
        if (parsed.event() == null) {
            metrics.ingested(new Lifestage.Ingested(0, 0), 1);
            throw ApiError.badRequest("invalid_call", parsed.rejection());
        }
        Lifestage.Ingested ingested = lifestage.ingest(List.of(parsed.event()));
        metrics.ingested(ingested, 0);
        return Json.ok(counts(1, ingested, 0));
    }

    @POST
    @Path("batch")
    public Response batch(InputStream body) {
        JsonNode batch = Json.read(body, settings.maxRequestBytes()).get("batch");
        if (batch == null || !batch.isArray()) {
            throw ApiError.badRequest("invalid_batch", "a batch is a JSON object whose 'batch' field is an array of"
                    + " Segment calls").field("batch");
        }
        refuseOversized(batch, "batch", settings);
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Event> accepted = new ArrayList<>();
        String now = Instant.now().toString();
        for (int i = 0; i < batch.size(); i++) {
            SegmentCall.Parsed parsed = parse(receivedAt(batch.get(i), now), null);
            if (parsed.event() != null) {
                accepted.add(parsed.event());
            } else {
                errors.add(Json.object("index", i, "error", "invalid_call", "message", parsed.rejection()));
            }
        }
        Lifestage.Ingested ingested = accepted.isEmpty() ? new Lifestage.Ingested(0, 0) : lifestage.ingest(accepted);
        metrics.ingested(ingested, errors.size());
        Map<String, Object> result = counts(batch.size(), ingested, errors.size());
        result.put("errors", errors);
        return Json.ok(result);
    }


    /** Gives a call with no time of its own the server's receive time as {@code receivedAt}, as Segment does. */
    private static JsonNode receivedAt(JsonNode call, String now) {
        if (call.isObject() && !call.hasNonNull("timestamp") && !call.hasNonNull("originalTimestamp")
                && !call.hasNonNull("receivedAt")) {
            ((ObjectNode) call).put("receivedAt", now);
        }
        return call;
    }

    /**
     * Refuses with 413 {@code batch_too_large}, naming {@code field}, an array of more calls than
     * {@code lifestage.server.max-batch-size} allows in one request.
     */
    static void refuseOversized(JsonNode calls, String field, ServerSetup settings) {
        if (calls.size() > settings.maxBatchSize()) {
            throw new ApiError(413, "batch_too_large", "'" + field + "' holds " + calls.size() + " calls; at most "
                    + settings.maxBatchSize() + " are accepted (lifestage.server.max-batch-size)").field(field);
        }
    }

    /** Parses one call with the parser every Segment input shares; {@code type} fills a missing call type. */
    static SegmentCall.Parsed parse(JsonNode call, String type) {
        if (!call.isObject()) {
            return new SegmentCall.Parsed(null, "a call must be a JSON object");
        }
        if (type != null && !call.hasNonNull("type")) {
            ((ObjectNode) call).put("type", type);
        }
        try {
            return SegmentCall.parse(Json.MAPPER.writeValueAsString(call));
        } catch (JsonProcessingException e) {
            return new SegmentCall.Parsed(null, "cannot be read: " + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> counts(int received, Lifestage.Ingested ingested, int rejected) {
        return Json.object("success", rejected < received, "received", received, "accepted", received - rejected,
                "stored", ingested.stored(), "duplicates", ingested.received() - ingested.stored(), "rejected",
                rejected);
    }
}
