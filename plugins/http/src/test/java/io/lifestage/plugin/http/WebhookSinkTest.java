package io.lifestage.plugin.http;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import io.lifestage.testkit.TestContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transitions and decisions out to a webhook on loopback: batches, headers, signature, retries, refusals. */
class WebhookSinkTest {

    @RegisterExtension
    static final WireMockExtension receiver = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
    private static final List<Transition> THREE = List.of(transition("t1", "u1"), transition("t2", "u2"),
            transition("t3", "u3"));

    private TestContext context;

    private static Transition transition(String id, String customerId) {
        return new Transition(id, customerId, null, "conversion", AT, "conversion-first-order",
                "first order 3 days ago", "8c67990e3623", List.of("welcome-series"), Transition.Policy.ALLOWED);
    }

    /** A context for the receiver, with short backoffs and these settings; kept for what the sink logs and rejects. */
    private TestContext context(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("url", receiver.baseUrl() + "/hook",
                "backoff-initial", "1ms", "backoff-max", "5ms"));
        settings.putAll(extra);
        context = TestContext.forSink(new HttpConnectorProvider()).named("test").with(settings).build();
        return context;
    }

    private Sink started(Map<String, String> extra) {
        return context(extra).startedSink();
    }

    private void deliver(Map<String, String> extra, List<Transition> transitions) {
        context(extra).deliver(transitions);
    }

    private static List<LoggedRequest> received() {
        return receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    void postsTransitionsInBatchesWithEveryFieldAndTheHeaders() throws IOException {
        receiver.stubFor(post("/hook").willReturn(ok()));

        deliver(Map.of("batch-size", "2"), THREE);

        assertThat(received()).hasSize(2);
        LoggedRequest first = received().get(0);
        JsonNode body = JSON.readTree(first.getBodyAsString());
        assertThat(body.get("transitions")).hasSize(2);
        assertThat(body.get("transitions").get(0).toString()).isEqualTo("{\"id\":\"t1\",\"customerId\":\"u1\","
                + "\"from\":null,\"to\":\"conversion\",\"at\":\"2026-06-01T00:00:00Z\","
                + "\"rule\":\"conversion-first-order\",\"reason\":\"first order 3 days ago\","
                + "\"ruleBaseVersion\":\"8c67990e3623\",\"actions\":[\"welcome-series\"],\"policy\":\"allowed\"}");
        assertThat(JSON.readTree(received().get(1).getBodyAsString()).get("transitions").get(0).get("id").asText())
                .isEqualTo("t3");
        assertThat(first.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(first.getHeader("Idempotency-Key")).matches("[0-9a-f]{64}");
        assertThat(Long.parseLong(first.getHeader("X-Lifestage-Timestamp")))
                .isCloseTo(Instant.now().getEpochSecond(), within(600L));
        assertThat(first.containsHeader("X-Lifestage-Signature")).isFalse();
        assertThat(first.containsHeader("Authorization")).isFalse();
    }

    @Test
    void postsDecisionsBesideTransitionsWhenAskedForBoth() throws IOException {
        receiver.stubFor(post("/hook").willReturn(ok()));

        try (Sink sink = started(Map.of("send", "both"))) {
            sink.writeDecisions(List.of(new Decision("u1", "loyalty", "loyalty-frequent-buyer", "6 orders", AT,
                    "8c67990e3623")));
            sink.writeTransitions(THREE);
            sink.flush();
        }

        assertThat(received()).hasSize(2);
        assertThat(JSON.readTree(received().get(0).getBodyAsString()).toString()).isEqualTo("{\"decisions\":["
                + "{\"customerId\":\"u1\",\"stage\":\"loyalty\",\"rule\":\"loyalty-frequent-buyer\","
                + "\"reason\":\"6 orders\",\"asOf\":\"2026-06-01T00:00:00Z\",\"ruleBaseVersion\":\"8c67990e3623\"}]}");
        assertThat(JSON.readTree(received().get(1).getBodyAsString()).get("transitions")).hasSize(3);
    }

    @Test
    void postsActionsWithTheirPayloadOfTraitsMetricsAndCartProperties() throws IOException {
        receiver.stubFor(post("/hook").willReturn(ok()));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("traits", Map.of("email", "ann@example.com"));
        payload.put("metrics", Map.of("stage", "loyalty", "purchases", 4));
        payload.put("event", Map.of("name", "Checkout Started", "properties",
                Map.of("products", List.of("sku-1", "sku-7"), "total", 80.5, "gift", true)));
        ActionFired reminder = new ActionFired("a1", "ann", "abandoned-cart-email", "email:abandoned-cart",
                AT, "journey:abandoned-cart", payload);

        try (Sink sink = started(Map.of("send", "all"))) {
            sink.writeTransitions(List.of(transition("t1", "ann")));
            sink.writeActions(List.of(reminder));
            sink.flush();
        }

        assertThat(received()).hasSize(2);
        JsonNode action = JSON.readTree(received().get(1).getBodyAsString()).get("actions").get(0);
        assertThat(action).isEqualTo(JSON.readTree("""
                {"id":"a1","customerId":"ann","action":"abandoned-cart-email","channel":"email:abandoned-cart",
                 "at":"2026-06-01T00:00:00Z","cause":"journey:abandoned-cart","payload":{
                 "traits":{"email":"ann@example.com"},"metrics":{"stage":"loyalty","purchases":4},
                 "event":{"name":"Checkout Started","properties":{"products":["sku-1","sku-7"],"total":80.5,
                 "gift":true}}}}"""));
    }

    @Test
    void ignoresDecisionsWhenSendingTransitionsOnlyAndSendsNothingWhenNothingIsBuffered() {
        receiver.stubFor(post("/hook").willReturn(ok()));

        try (Sink sink = started(Map.of())) {
            sink.writeDecisions(List.of(new Decision("u1", "loyalty", "r", "why", AT, "v")));
            sink.flush();
        }

        assertThat(received()).isEmpty();
    }

    @Test
    void signsTheTimestampAndBodySoThatTheReceiverCanVerifyThem() throws Exception {
        receiver.stubFor(post("/hook").willReturn(ok()));

        deliver(Map.of("signing-secret", "whsec-123"), THREE);

        LoggedRequest request = received().get(0);
        String timestamp = request.getHeader("X-Lifestage-Timestamp");
        String signature = request.getHeader("X-Lifestage-Signature");
        assertThat(signature).matches("sha256=[0-9a-f]{64}");
        assertThat(verifies("whsec-123", timestamp, request.getBody(), signature)).isTrue();
        assertThat(verifies("another-secret", timestamp, request.getBody(), signature)).isFalse();
        assertThat(verifies("whsec-123", String.valueOf(Long.parseLong(timestamp) + 1), request.getBody(),
                signature)).isFalse();
    }

    /** What a receiver does, as the README shows it. */
    private static boolean verifies(String secret, String timestamp, byte[] body, String signatureHeader)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signatureHeader.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void retriesAfterA503AndSucceedsWithTheSameIdempotencyKey() {
        receiver.stubFor(post("/hook").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(status(503).withBody("overloaded")).willSetStateTo("recovered"));
        receiver.stubFor(post("/hook").inScenario("busy").whenScenarioStateIs("recovered").willReturn(ok()));

        deliver(Map.of(), THREE);

        assertThat(received()).hasSize(2);
        assertThat(received().get(1).getHeader("Idempotency-Key"))
                .isEqualTo(received().get(0).getHeader("Idempotency-Key"));
        assertThat(context.logged()).singleElement().asString()
                .contains("connector 'test'", "HTTP 503 overloaded", "attempt 1 of 5");
    }

    @Test
    void waitsTheSecondsThatRetryAfterAsksFor() {
        receiver.stubFor(post("/hook").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(status(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        receiver.stubFor(post("/hook").inScenario("limited").whenScenarioStateIs("open").willReturn(ok()));

        deliver(Map.of("backoff-max", "2s"), THREE);

        assertThat(received()).hasSize(2);
        assertThat(context.logged()).singleElement().asString().contains("HTTP 429", "next in 1000 ms");
    }

    @Test
    void leavesTheRetryToTheEngineWhenRetryAfterIsLongerThanBackoffMax() {
        receiver.stubFor(post("/hook").willReturn(status(429).withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> deliver(Map.of(), THREE))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isTrue())
                .hasMessageContaining("retry after 120 s, longer than backoff-max");
        assertThat(received()).hasSize(1);
    }

    @Test
    void retriesARequestThatTimedOut() {
        receiver.stubFor(post("/hook").inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok().withFixedDelay(3_000)).willSetStateTo("fast"));
        receiver.stubFor(post("/hook").inScenario("slow").whenScenarioStateIs("fast").willReturn(ok()));

        deliver(Map.of("timeout", "200ms"), THREE);

        assertThat(received()).hasSize(2);
        assertThat(context.logged()).singleElement().asString().contains("no answer within 200 ms");
    }

    @Test
    void failsRetriablyWhenEveryAttemptFailed() {
        receiver.stubFor(post("/hook").willReturn(status(502)));

        assertThatThrownBy(() -> deliver(Map.of("max-attempts", "3"), THREE))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isTrue())
                .hasMessageContaining("POST " + receiver.baseUrl() + "/hook: failed 3 times")
                .hasMessageContaining("HTTP 502");
        assertThat(received()).hasSize(3);
    }

    @Test
    void retriesWhenNothingListensAndThenFailsRetriably() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> deliver(Map.of("url", "http://127.0.0.1:" + closedPort + "/hook",
                "max-attempts", "2"), THREE))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isTrue())
                .hasMessageContaining("failed 2 times")
                .hasMessageContaining("cannot connect");
    }

    @Test
    void stopsAtOnceOnUnauthorizedNamingTheUrlAndStatusButNotTheToken() {
        receiver.stubFor(post("/hook").willReturn(status(401).withBody("{\"error\":\"bad token\"}")));

        assertThatThrownBy(() -> deliver(Map.of("bearer-token", "tok-secret"), THREE))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessageContaining(receiver.baseUrl() + "/hook answered HTTP 401")
                .hasMessageContaining("bearer-token")
                .message().doesNotContain("tok-secret");
        assertThat(received()).singleElement()
                .satisfies(request -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer tok-secret"));
    }

    @Test
    void rejectsTheRecordsOfARefusedBatchAndDeliversTheOthers() {
        receiver.stubFor(post("/hook").withRequestBody(containing("\"t1\""))
                .willReturn(status(422).withBody("field 'to' unknown stage: conversion " + "x".repeat(300))));
        receiver.stubFor(post("/hook").withRequestBody(containing("\"t2\"")).willReturn(ok()));

        deliver(Map.of("batch-size", "1"), THREE.subList(0, 2));

        assertThat(received()).hasSize(2);
        assertThat(context.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.source()).isEqualTo("test");
            assertThat(reject.position()).isEqualTo("t1");
            assertThat(reject.reason()).startsWith("HTTP 422: field 'to' unknown stage: conversion xxx")
                    .hasSize("HTTP 422: ".length() + 200);
            assertThat(reject.record()).startsWith("{\"id\":\"t1\",\"customerId\":\"u1\"");
        });
    }

    @Test
    void redeliversTheSameBatchWithTheSameIdempotencyKey() {
        receiver.stubFor(post("/hook").willReturn(status(503)));
        Sink sink = started(Map.of("max-attempts", "1"));
        sink.writeTransitions(THREE);
        assertThatThrownBy(sink::flush).isInstanceOf(ConnectorException.class);

        receiver.stubFor(post("/hook").willReturn(ok()));
        sink.flush();
        sink.close();
        deliver(Map.of(), THREE);
        deliver(Map.of(), THREE.subList(0, 2));

        List<String> keys = received().stream().map(request -> request.getHeader("Idempotency-Key")).toList();
        assertThat(keys).hasSize(4);
        assertThat(keys.subList(0, 3)).containsOnly(keys.get(0));
        assertThat(keys.get(3)).isNotEqualTo(keys.get(0));
    }

    @Test
    void neverLogsTheSecrets() {
        receiver.stubFor(post("/hook").willReturn(status(500)));

        assertThatThrownBy(() -> deliver(Map.of("bearer-token", "tok-secret", "signing-secret", "sign-secret",
                "max-attempts", "3"), THREE)).isInstanceOf(ConnectorException.class);

        assertThat(context.logged()).hasSize(2)
                .noneMatch(line -> line.contains("tok-secret") || line.contains("sign-secret")
                        || line.contains("Authorization"));
    }
}
