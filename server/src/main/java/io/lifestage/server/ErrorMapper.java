package io.lifestage.server;

import io.lifestage.engine.internal.Failures;
import io.lifestage.engine.store.StoreException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure as the API's JSON error body: refusals with their code; the stage store out of reach as 503 with
 * {@code Retry-After}, logged once per outage; anything else as a logged 500. Failures are logged without their
 * messages ({@link Failures}): the database's may quote the values of a row, a rule's may name the customer, and no
 * erasure reaches a log.
 */
final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
    /** Seconds a client is asked to wait while the store is out. */
    static final String RETRY_AFTER = "5";

    private final StoreOutage outage;

    ErrorMapper(StoreOutage outage) {
        this.outage = outage;
    }

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof ApiError error) {
            return Json.response(error.status(), error.body());
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return Json.response(status, body(code(status), web.getMessage()));
        }
        if (FatalErrors.isFatal(failure)) {
            FatalErrors.escalate(failure);
        }
        StoreException store = storeFailure(failure);
        if (store != null && store.unavailable()) {
            outage.started(store.getMessage());
            return Response.fromResponse(Json.response(503, body("store_unavailable", "the stage store cannot be"
                    + " reached; retry later"))).header("Retry-After", RETRY_AFTER).build();
        }
        if (store != null) {
            log.error("A request failed in the stage store: {}", Failures.describe(failure));
        } else {
            log.error("A request failed", Failures.redacted(failure));
        }
        return Json.response(500, body("internal", "the server failed to answer; the server log says why"));
    }

    /** The {@code error} code of a refusal that has no more specific one. */
    static String code(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "request_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            default -> status >= 500 ? "internal" : "bad_request";
        };
    }

    private static StoreException storeFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreException store) {
                return store;
            }
        }
        return null;
    }

    private static Map<String, Object> body(String code, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", code);
        json.put("message", message);
        return json;
    }
}
