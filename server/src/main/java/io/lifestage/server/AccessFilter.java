package io.lifestage.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call what. Health and the OpenAPI document are public; {@code /metrics} as configured; ingest and erasure
 * need a key with the write scope; every other {@code /v1} call (classify included, which stores nothing) a key with
 * the read scope. A key comes as {@code Authorization: Bearer TOKEN}, or as the user name of Basic authentication,
 * which is how Segment and RudderStack clients send their write key, or, without either, as the top-level
 * {@code writeKey} of a POSTed JSON body, as Segment's HTTP API also takes it. No key or an unknown one is 401; a
 * known key without the scope is 403. Tokens are compared in constant time and never logged. The scope is decided on
 * the path as routing reads it (without matrix parameters or a trailing slash), so {@code /v1/classify/} needs what
 * {@code /v1/classify} needs. A refused key costs its caller {@value #REFUSAL_DELAY_MILLIS} ms, so guessing keys is
 * slow, and refusals are logged without the key, at most one line per {@value #LOG_EVERY_SECONDS} s.
 */
@Priority(Priorities.AUTHENTICATION)
final class AccessFilter implements ContainerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AccessFilter.class);
    static final long REFUSAL_DELAY_MILLIS = 200;
    static final long LOG_EVERY_SECONDS = 10;

    private final ServerSetup settings;
    /** Refusals not logged yet, and when the last line was written (nanoTime; 0 before the first). */
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong loggedAt = new AtomicLong();

    AccessFilter(ServerSetup settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = routed(request.getUriInfo().getPath());
        if (path.equals("openapi") || path.startsWith("health/")) {
            return;
        }
        ServerSetup.Scope needed;
        if (path.equals("metrics")) {
            if (settings.metrics() == ServerSetup.MetricsAccess.OFF) {
                throw ApiError.notFound("metrics are off (lifestage.server.metrics=off)");
            }
            if (settings.metrics() == ServerSetup.MetricsAccess.PUBLIC) {
                return;
            }
            needed = ServerSetup.Scope.READ;
        } else {
            boolean writes = request.getMethod().equals("DELETE")
                    || request.getMethod().equals("POST") && !path.equals("v1/classify");
            needed = writes ? ServerSetup.Scope.WRITE : ServerSetup.Scope.READ;
        }
        if (!settings.authenticates()) {
            return;
        }
        String token = token(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            token = bodyWriteKey(request);
        }
        if (token == null) {
            abort(request, new ApiError(401, "unauthorized", "send an API key: 'Authorization: Bearer KEY'"
                    + " (or Basic authentication with the key as the user name, or 'writeKey' in the body)"));
            return;
        }
        ServerSetup.ApiKey key = find(token);
        if (key == null) {
            refused(request.getMethod(), path);
            abort(request, new ApiError(401, "unauthorized", "the API key is not valid"));
        } else if (!key.scopes().contains(needed)) {
            abort(request, new ApiError(403, "forbidden", "API key '" + key.name() + "' does not have the "
                    + needed.name().toLowerCase(java.util.Locale.ROOT) + " scope this call needs"));
        }
    }

    /** The path without its leading and trailing slashes, repeated slashes and matrix parameters. */
    static String routed(String path) {
        String plain = path.replaceAll(";[^/]*", "").replaceAll("/{2,}", "/");
        plain = plain.startsWith("/") ? plain.substring(1) : plain;
        return plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
    }

    /**
     * Notes an unknown key: logged with the method and the first two path segments (never the key, nor an id that
     * may follow them), and the caller waits.
     */
    private void refused(String method, String path) {
        unlogged.incrementAndGet();
        long now = System.nanoTime();
        long last = loggedAt.get();
        if ((last == 0 || now - last >= TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS))
                && loggedAt.compareAndSet(last, now)) {
            String[] segments = path.split("/");
            log.warn("LS-SERVE-0009 refused {} request(s) with an unknown API key, the last {} /{}",
                    unlogged.getAndSet(0), method, String.join("/", Arrays.copyOf(segments,
                            Math.min(2, segments.length))));
        }
        try {
            Thread.sleep(REFUSAL_DELAY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ServerSetup.ApiKey find(String token) {
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        ServerSetup.ApiKey found = null;
        for (ServerSetup.ApiKey key : settings.keys().values()) {
            if (MessageDigest.isEqual(given, key.token().getBytes(StandardCharsets.UTF_8))) {
                found = key;
            }
        }
        return found;
    }

    /**
     * The top-level {@code writeKey} string of a POSTed JSON object, or null. The body is read (up to one byte over
     * the size limit, which the resource then refuses) and handed on to the resource unchanged.
     */
    private String bodyWriteKey(ContainerRequestContext request) {
        if (!request.getMethod().equals("POST") || !request.hasEntity()) {
            return null;
        }
        byte[] body;
        try {
            body = request.getEntityStream().readNBytes(settings.maxRequestBytes() + 1);
        } catch (IOException e) {
            return null;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (parser.nextToken() == JsonToken.VALUE_STRING && field.equals("writeKey")) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
        } catch (IOException malformed) {
            // the resource reads the body again and says what is wrong with it
        }
        return null;
    }

    /** The bearer token, or the user name of Basic authentication; null when there is neither. */
    private static String token(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                String user = colon < 0 ? pair : pair.substring(0, colon);
                return user.isEmpty() ? null : user;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static void abort(ContainerRequestContext request, ApiError error) {
        Response.ResponseBuilder response = Response.fromResponse(Json.response(error.status(), error.body()));
        if (error.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lifestage\"");
        }
        request.abortWith(response.build());
    }
}
