package io.lifestage.server;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Request bodies sent with {@code Content-Encoding: gzip}, as RudderStack's libraries send them by default, are
 * inflated as they are read; the size limit applies to the inflated body, so a small bomb cannot fill memory. Any
 * other encoding is refused with 415.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
final class GzipRequests implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String encoding = request.getHeaderString(HttpHeaders.CONTENT_ENCODING);
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return;
        }
        if (!encoding.trim().equalsIgnoreCase("gzip")) {
            throw new ApiError(415, "unsupported_encoding", "Content-Encoding '" + encoding + "' is not accepted;"
                    + " send the body as it is or gzip it");
        }
        try {
            request.setEntityStream(new GZIPInputStream(request.getEntityStream()));
        } catch (IOException e) {
            throw ApiError.badRequest("unreadable_body", "the request body is not gzip: " + e.getMessage());
        }
        request.getHeaders().remove(HttpHeaders.CONTENT_ENCODING);
        request.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
    }
}
