package io.lifestage.plugin.http;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SinkContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The webhook sink through the test kit's contract, against a receiver on loopback. The sink delivers at least
 * once and leaves dropping redeliveries to the receiver (by transition or action id, or {@code Idempotency-Key}), so
 * it is not idempotent itself: the receiver sees a redelivered batch twice. Actions go out with {@code send=actions}.
 */
class WebhookSinkContractTest extends SinkContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final WireMockExtension receiver = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    @Override
    protected ConnectorProvider provider() {
        return new HttpConnectorProvider();
    }

    @Override
    protected Map<String, String> prepare(Path dir) {
        receiver.resetAll();
        receiver.stubFor(post("/hook").willReturn(ok()));
        return Map.of("url", receiver.baseUrl() + "/hook", "send", "both", "batch-size", "2");
    }

    @Override
    protected Stored readBack(Path dir, Map<String, String> settings) throws IOException {
        List<Decision> decisions = new ArrayList<>();
        List<Transition> transitions = new ArrayList<>();
        for (LoggedRequest request : receiver.findAll(postRequestedFor(urlPathEqualTo("/hook")))) {
            JsonNode body = JSON.readTree(request.getBodyAsString());
            for (JsonNode decision : body.path("decisions")) {
                decisions.add(decisionOf(JSON.convertValue(decision, Map.class)));
            }
            for (JsonNode transition : body.path("transitions")) {
                transitions.add(transitionOf(JSON.convertValue(transition, Map.class)));
            }
        }
        return Stored.both(decisions, transitions);
    }

    @Override
    protected Optional<Map<String, String>> prepareActions(Path dir) {
        return Optional.of(Map.of("url", prepare(dir).get("url"), "send", "actions", "batch-size", "2"));
    }

    @Override
    protected List<ActionFired> readBackActions(Path dir, Map<String, String> settings) throws IOException {
        List<ActionFired> actions = new ArrayList<>();
        for (LoggedRequest request : receiver.findAll(postRequestedFor(urlPathEqualTo("/hook")))) {
            for (JsonNode action : JSON.readTree(request.getBodyAsString()).path("actions")) {
                actions.add(actionOf(JSON.convertValue(action, Map.class)));
            }
        }
        return actions;
    }

    @Override
    protected boolean idempotent() {
        return false;
    }
}
