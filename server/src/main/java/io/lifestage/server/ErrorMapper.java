package io.lifestage.server;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure as the API's JSON error body: refusals with their code, anything unexpected as a logged 500. */
final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof ApiError error) {
            return Json.response(error.status(), error.body());
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            String code = switch (status) {
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 406 -> "not_acceptable";
                case 415 -> "unsupported_media_type";
                default -> "bad_request";
            };
            return Json.response(status, body(code, web.getMessage()));
        }
        if (FatalErrors.isFatal(failure)) {
            FatalErrors.escalate(failure);
        }
        log.error("A request failed", failure);
        return Json.response(500, body("internal", "the server failed to answer; the server log says why"));
    }

    private static Map<String, Object> body(String code, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", code);
        json.put("message", message);
        return json;
    }
}
