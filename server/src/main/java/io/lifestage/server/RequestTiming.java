package io.lifestage.server;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Times every request and counts it under its route template, so that {@code /v1/customers/{id}} is one series
 * however many customers are asked for; also refuses a declared body over the size limit before it is read, and
 * tells the store outage when a {@code /v1} request succeeds.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class RequestTiming implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = "lifestage.started";

    private final ServerMetrics metrics;
    private final int maxRequestBytes;
    private final StoreOutage outage;

    RequestTiming(ServerMetrics metrics, int maxRequestBytes, StoreOutage outage) {
        this.metrics = metrics;
        this.maxRequestBytes = maxRequestBytes;
        this.outage = outage;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.chars().allMatch(Character::isDigit) && !length.isEmpty()
                && Long.parseLong(length) > maxRequestBytes) {
            Json.drain(request.getEntityStream());
            throw Json.tooLarge(maxRequestBytes);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        String route = route(request);
        if (started instanceof Long nanos) {
            metrics.request(route, request.getMethod(), response.getStatus(), System.nanoTime() - nanos);
        }
        if (route.startsWith("/v1") && response.getStatus() < 300) {
            outage.requestSucceeded();
        }
    }

    private static String route(ContainerRequestContext request) {
        if (!(request.getUriInfo() instanceof ExtendedUriInfo info) || info.getMatchedTemplates().isEmpty()) {
            return "unmatched";
        }
        List<UriTemplate> templates = info.getMatchedTemplates();
        StringBuilder route = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            String part = templates.get(i).getTemplate();
            if (!part.isEmpty() && !part.equals("/")) {
                route.append(part.startsWith("/") ? "" : "/").append(part);
            }
        }
        return route.isEmpty() ? "/" : route.toString();
    }
}
