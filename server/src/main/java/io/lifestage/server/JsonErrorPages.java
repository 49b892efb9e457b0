package io.lifestage.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers the HTTP server gives on its own, before a request reaches the API — a request line or URI it cannot
 * parse ({@code GET /v1/customers/%ZZ}), conflicting or oversized headers — in the API's JSON error format instead of
 * an HTML page.
 */
final class JsonErrorPages extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int status, String reason, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, body(status, reason), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return body(status, reason);
    }

    private static ByteBuffer body(int status, String reason) {
        Map<String, Object> json = Json.object("error", ErrorMapper.code(status), "message",
                "the request cannot be read: " + (reason == null ? HttpStatus.getMessage(status) : reason));
        try {
            return ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of two strings is always JSON", e);
        }
    }
}
