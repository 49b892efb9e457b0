package io.lifestage.plugin.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.segment.Wire;
import io.lifestage.testkit.SinkContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Reads what the sink wrote back from its topics, as a consumer of them would, without the sink. */
final class ResultTopics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultTopics() {
    }

    static List<Decision> decisions(String topic) {
        return TestBroker.consume(topic).stream().map(record -> {
            JsonNode json = parse(record.value());
            return new Decision(json.get("customerId").asText(), json.get("stage").asText(),
                    json.get("rule").asText(), json.get("reason").asText(), Instant.parse(json.get("asOf").asText()),
                    json.get("ruleBaseVersion").asText());
        }).toList();
    }

    static List<Transition> transitions(String topic) {
        return TestBroker.consume(topic).stream().map(record -> {
            JsonNode json = parse(record.value());
            List<String> actions = StreamSupport.stream(json.get("actions").spliterator(), false)
                    .map(JsonNode::asText).toList();
            return new Transition(json.get("id").asText(), json.get("customerId").asText(),
                    json.get("from").isNull() ? null : json.get("from").asText(), json.get("to").asText(),
                    Instant.parse(json.get("at").asText()), json.get("rule").asText(), json.get("reason").asText(),
                    json.get("ruleBaseVersion").asText(), new ArrayList<>(actions), Wire.policy(
                            json.get("policy").asText()));
        }).toList();
    }

    static List<ActionFired> actions(String topic) {
        return TestBroker.consume(topic).stream()
                .map(record -> SinkContract.actionOf(JSON.convertValue(parse(record.value()), Map.class))).toList();
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + value, e);
        }
    }
}
