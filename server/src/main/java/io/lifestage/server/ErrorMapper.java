package io.lifestage.server;

import io.lifestage.api.LifestageException;
import io.lifestage.engine.internal.Failures;
import io.lifestage.engine.store.StoreException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure as the API's JSON error body: refusals with their code; the status of a {@link LifestageException}
 * from its {@link LifestageException#kind() kind} (a wrong request 400, the stage store out of reach 503 with
 * {@code Retry-After}, logged once per outage), with its {@code LS-…} code in the body; anything else a logged 500.
 * Failures are logged without their messages ({@link Failures}): the database's may quote the values of a row, a
 * rule's may name the customer, and no erasure reaches a log.
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
            return Json.response(status, Json.object("error", code(status), "message", web.getMessage()));
        }
        if (FatalErrors.isFatal(failure)) {
            FatalErrors.escalate(failure);
        }
        LifestageException lifestage = cause(failure, LifestageException.class);
        if (lifestage != null && lifestage.kind() == LifestageException.Kind.UNAVAILABLE) {
            outage.started(lifestage.getMessage());
            return Response.fromResponse(Json.response(503, Json.object("error", "store_unavailable", "message",
                    "the stage store cannot be reached; retry later", "code", lifestage.code())))
                    .header("Retry-After", RETRY_AFTER).build();
        }
        if (lifestage != null && lifestage.kind() == LifestageException.Kind.INVALID_REQUEST) {
            return Json.response(400, Json.object("error", "invalid_request", "message", lifestage.detail(), "code",
                    lifestage.code()));
        }
        if (cause(failure, StoreException.class) != null) {
            log.error("A request failed in the stage store: {}", Failures.describe(failure));
        } else {
            log.error("A request failed", Failures.redacted(failure));
        }
        return Json.response(500, Json.object("error", "internal",
                "message", "the server failed to answer; the server log says why"));
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

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
