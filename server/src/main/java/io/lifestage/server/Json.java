package io.lifestage.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request bodies in, JSON responses out: the limits on reading. The API's records take the shape every output gives
 * them, {@link io.lifestage.segment.RecordJson#fields}.
 */
final class Json {

    /** Bytes of a refused body read and dropped at most before answering 413. */
    private static final long DRAINED_AT_MOST = 8L << 20;

    /** Refuses text after the JSON value of a body, which would otherwise be dropped unread. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /**
     * Reads a request body as a JSON value, refusing more than {@code maxBytes} (413) and text that is not JSON
     * (400).
     */
    static JsonNode read(InputStream body, int maxBytes) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw ApiError.badRequest("unreadable_body", "the request body could not be read: " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            drain(body);
            throw tooLarge(maxBytes);
        }
        if (bytes.length == 0) {
            throw ApiError.badRequest("malformed_json", "the request body is empty; send a JSON object");
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("malformed_json", "the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw ApiError.badRequest("malformed_json", "the request body is not valid JSON: "
                    + e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw ApiError.badRequest("unreadable_body", "the request body could not be read: " + e.getMessage());
        }
    }

    /**
     * Reads what is left of a refused body, up to {@value #DRAINED_AT_MOST} bytes, so that the connection is not closed
     * with unread bytes: the client's network stack would then discard the 413 before the client read it.
     */
    static void drain(InputStream body) {
        try {
            long left = DRAINED_AT_MOST;
            for (long skipped; left > 0 && (skipped = body.skip(left)) > 0; ) {
                left -= skipped;
            }
        } catch (IOException e) {
            // the client went away: nobody reads the answer either
        }
    }

    static ApiError tooLarge(int maxBytes) {
        return new ApiError(413, "request_too_large", "the request body is larger than " + maxBytes
                + " bytes (lifestage.server.max-request-bytes); send smaller batches");
    }

    /**
     * A JSON object of these names and values, in this order ({@code null} values included): {@code object("stage",
     * stage, "total", total)}. The map can take more fields.
     */
    static Map<String, Object> object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs, got " + namesAndValues.length);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            json.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return json;
    }

    /** A JSON response with this status. */
    static Response response(int status, Object body) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(MAPPER.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response could not be written as JSON: " + e.getMessage(), e);
        }
    }

    static Response ok(Object body) {
        return response(200, body);
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
