package io.lifestage.plugin.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.crm.Retries;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls the HubSpot API as a private app: the token as a bearer token (in the request, never in a message), JSON in
 * and out, no more requests than {@code rate-limit} per ten seconds nor searches than HubSpot's five per second, and
 * 429 and 5xx answers waited out ({@code Retry-After} when HubSpot sends it) and retried up to
 * {@code max-attempts}. A 401, 403 or other 4xx is fatal, with HubSpot's own message and category.
 */
final class HubSpotApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEARCH = "/search";

    private final String baseUrl;
    private final String token;
    private final Retries retries;
    private final RequestWindow requests;
    private final RequestWindow searches = new RequestWindow(5, Duration.ofSeconds(1));

    HubSpotApi(ConnectorContext context) {
        this.baseUrl = context.requiredSetting(HubSpotConnectorProvider.BASE_URL).replaceAll("/+$", "");
        this.token = context.requiredSetting(HubSpotConnectorProvider.TOKEN);
        this.retries = new Retries(context);
        this.requests = new RequestWindow(context.integerSetting(HubSpotConnectorProvider.RATE_LIMIT),
                Duration.ofSeconds(10));
    }

    /**
     * Asks for one contact, so that a wrong base URL, a refused token or a missing read scope stops {@code start}
     * rather than the first poll or flush.
     */
    void checkAccess() {
        call("GET", "/crm/v3/objects/contacts?limit=1", null);
    }

    /**
     * Posts a JSON body to a path under the base URL, for example {@code /crm/v3/objects/contacts/batch/read}, and
     * returns HubSpot's answer: that of a 2xx, including a 207 whose {@code errors} the caller reads.
     */
    JsonNode post(String path, Object body) {
        return call("POST", path, write(body));
    }

    private JsonNode call(String method, String path, String json) {
        String what = method + " " + baseUrl + path;
        for (int attempt = 1; ; attempt++) {
            requests.acquire();
            if (path.endsWith(SEARCH)) {
                searches.acquire();
            }
            HttpResponse<String> response = send(path, json, what);
            int status = response.statusCode();
            if (status / 100 == 2) {
                return read(response.body(), what);
            }
            if (!Retries.worthRetrying(status)) {
                throw refused(what, status, response.body());
            }
            retries.waitOrGiveUp(what, attempt, status, response.headers().firstValue("Retry-After"),
                    message(response.body()));
        }
    }

    private HttpResponse<String> send(String path, String json, String what) {
        return retries.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(json == null ? "GET" : "POST", json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)), what, HubSpotConnectorProvider.BASE_URL.name());
    }

    private static ConnectorException refused(String what, int status, String body) {
        String advice = switch (status) {
            case 401 -> "; setting '" + HubSpotConnectorProvider.TOKEN.name()
                    + "' must be the access token of a private app";
            case 403 -> "; the private app needs the scopes crm.objects.contacts.read and crm.objects.contacts.write";
            default -> "";
        };
        return ConnectorException.fatal(what + ": HTTP " + status + " " + message(body) + advice);
    }

    /** HubSpot's error shape: {@code {"status":"error","message":…,"category":…,"correlationId":…}}. */
    static String message(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error.path("category").asText("") + ": " + error.path("message").asText(body)
                    + (error.has("correlationId") ? " (correlationId " + error.get("correlationId").asText() + ")"
                    : "");
        } catch (JsonProcessingException | RuntimeException e) {
            return body.length() > 200 ? body.substring(0, 200) + "…" : body;
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a HubSpot request cannot be written as JSON", e);
        }
    }

    private static JsonNode read(String body, String what) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ConnectorException.fatal(what + ": the answer is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
