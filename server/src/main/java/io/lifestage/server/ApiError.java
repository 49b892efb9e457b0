package io.lifestage.server;

import java.util.Map;

/**
 * A request the API refuses: an HTTP status and the JSON body {@code {"error":code,"message":...}} with, when the
 * problem is in one place, the {@code field} or the {@code index} of the batch item.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final Map<String, Object> body;

    ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.body = Json.object("error", code, "message", message);
    }

    /** The same error, naming the field it is about. */
    ApiError field(String field) {
        body.put("field", field);
        return this;
    }

    /** The same error, naming the batch item it is about. */
    ApiError index(int index) {
        body.put("index", index);
        return this;
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return body;
    }

    static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }
}
