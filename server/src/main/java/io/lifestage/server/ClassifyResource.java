package io.lifestage.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.api.Lifestage;
import io.lifestage.segment.RecordJson;
import io.lifestage.segment.SegmentCall;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/classify}: Segment calls in, one decision per customer out, with the rule and the reason; nothing
 * is stored. Only facts are accepted: rules come from the rule pack, never from a request.
 */
@Singleton
@Path("/v1/classify")
public class ClassifyResource {

    private static final Set<String> FIELDS = Set.of("events", "asOf");

    private final Lifestage lifestage;
    private final ServerSetup settings;

    @Inject
    ClassifyResource(Lifestage lifestage, ServerSetup settings) {
        this.lifestage = lifestage;
        this.settings = settings;
    }

    @POST
    public Response classify(InputStream body) {
        JsonNode request = Json.read(body, settings.maxRequestBytes());
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiError.badRequest("unknown_field", "'" + name + "' is not a field of a classify request"
                        + " (events, asOf)").field(name);
            }
        }
        Instant asOf = asOf(request.get("asOf"));
        JsonNode calls = request.get("events");
        if (calls == null || !calls.isArray()) {
            throw ApiError.badRequest("invalid_request", "'events' must be an array of Segment calls").field("events");
        }
        IngestResource.refuseOversized(calls, "events", settings);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            SegmentCall.Parsed parsed = IngestResource.parse(calls.get(i), null);
            if (parsed.event() == null) {
                throw ApiError.badRequest("invalid_call", parsed.rejection()).field("events").index(i);
            }
            events.add(parsed.event());
        }
        List<Decision> decisions = lifestage.engine().classify(events, asOf);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("asOf", asOf.toString());
        result.put("ruleBaseVersion", decisions.isEmpty() ? lifestage.rules().version()
                : decisions.get(0).ruleBaseVersion());
        result.put("decisions", decisions.stream().map(RecordJson::fields).toList());
        return Json.ok(result);
    }

    /** An ISO-8601 instant, or a date meaning its start in UTC; now when absent. */
    private static Instant asOf(JsonNode value) {
        return Instants.parse(value == null || value.isNull() ? null : value.asText(), "asOf", Instant.now());
    }
}
