package io.lifestage.plugin.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.crm.Retries;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The Salesforce REST API as a connected app: an access token from the OAuth 2.0 client credentials flow
 * ({@code POST /services/oauth2/token}), requested again when a call answers 401 {@code INVALID_SESSION_ID}; calls
 * to the instance URL the token came with; HTTP 429 and 5xx waited out and retried as {@link Retries} says. The
 * client secret and the token go into requests only.
 */
final class SalesforceApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorContext context;
    private final String url;
    private final String dataPath;
    private final Retries retries;
    private String accessToken;
    private String instanceUrl;
    private String userId;

    SalesforceApi(ConnectorContext context) {
        this.context = context;
        this.url = context.requiredSetting(SalesforceConnectorProvider.URL).replaceAll("/+$", "");
        context.requiredSetting(SalesforceConnectorProvider.CLIENT_ID);
        context.requiredSetting(SalesforceConnectorProvider.CLIENT_SECRET);
        this.dataPath = "/services/data/v"
                + context.requiredSetting(SalesforceConnectorProvider.API_VERSION).trim();
        this.retries = new Retries(context);
    }

    /**
     * Gets an access token: fails for good, with Salesforce's error, when the org refuses the connected app.
     */
    void login() {
        String form = "grant_type=client_credentials&client_id=" + encode(SalesforceConnectorProvider.CLIENT_ID)
                + "&client_secret=" + encode(SalesforceConnectorProvider.CLIENT_SECRET);
        String what = "POST " + url + "/services/oauth2/token";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), what);
        JsonNode answer = parse(response.body(), what);
        if (response.statusCode() != 200) {
            throw ConnectorException.fatal(what + ": HTTP " + response.statusCode() + " "
                    + answer.path("error").asText() + ": " + answer.path("error_description").asText() + "; check"
                    + " settings '" + SalesforceConnectorProvider.CLIENT_ID.name() + "' and '"
                    + SalesforceConnectorProvider.CLIENT_SECRET.name() + "', and that the connected app enables the"
                    + " client credentials flow with a run-as user");
        }
        accessToken = answer.path("access_token").asText();
        instanceUrl = answer.path("instance_url").asText(url).replaceAll("/+$", "");
        String identity = answer.path("id").asText();
        userId = identity.substring(identity.lastIndexOf('/') + 1);
    }

    /** The id of the run-as user the token acts for: the last modifier of every record the sink writes. */
    String userId() {
        return userId;
    }

    /** The records of a SOQL query's first batch, with {@code nextRecordsUrl} when there are more. */
    JsonNode query(String soql) {
        return call("GET", dataPath + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8), null);
    }

    /** The next batch of a query, from the {@code nextRecordsUrl} of the previous one. */
    JsonNode next(String nextRecordsUrl) {
        return call("GET", nextRecordsUrl, null);
    }

    /** Updates up to 200 records with {@code allOrNone=false}; one result per record, in order. */
    JsonNode update(Object records) {
        try {
            return call("PATCH", dataPath + "/composite/sobjects", JSON.writeValueAsString(records));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an sObject Collections request cannot be written as JSON", e);
        }
    }

    private JsonNode call(String method, String path, String json) {
        String what = method + " " + instanceUrl + path.replaceAll("\\?.*", "");
        boolean loggedInAgain = false;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(instanceUrl + path))
                    .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json)), what);
            int status = response.statusCode();
            if (status / 100 == 2) {
                return parse(response.body(), what);
            }
            if (status == 401 && !loggedInAgain && response.body().contains("INVALID_SESSION_ID")) {
                context.logger().log(System.Logger.Level.INFO, "{0}: session expired, logging in again", what);
                login();
                loggedInAgain = true;
                continue;
            }
            if (!Retries.worthRetrying(status)) {
                throw ConnectorException.fatal(what + ": HTTP " + status + " " + errors(response.body()));
            }
            retries.waitOrGiveUp(what, attempt, status, response.headers().firstValue("Retry-After"),
                    errors(response.body()));
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        return retries.send(request, what, SalesforceConnectorProvider.URL.name());
    }

    /** Salesforce's error shape: {@code [{"message": …, "errorCode": …}]}. */
    private static String errors(String body) {
        StringBuilder text = new StringBuilder();
        try {
            for (JsonNode error : JSON.readTree(body)) {
                text.append(text.isEmpty() ? "" : "; ").append(error.path("errorCode").asText()).append(": ")
                        .append(error.path("message").asText());
            }
        } catch (JsonProcessingException e) {
            // not Salesforce's shape: the body as it is, below
        }
        return text.isEmpty() ? body : text.toString();
    }

    private String encode(ConfigKey key) {
        return URLEncoder.encode(context.requiredSetting(key), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String body, String what) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ConnectorException.fatal(what + ": the answer is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
