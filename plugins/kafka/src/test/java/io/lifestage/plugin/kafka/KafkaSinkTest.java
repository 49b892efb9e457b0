package io.lifestage.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import io.lifestage.testkit.TestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What the kafka sink puts into its topics on a real broker, and how it fails. */
class KafkaSinkTest {

    private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");
    private static final Transition WELCOME = new Transition("c1:activation:2026-11-01", "c1", "awareness",
            "activation", AT, "activation-first-order", "first order", "8c67990e3623", List.of("welcome-series"),
            Transition.Policy.KEPT_AGAINST_POLICY);
    private static final Decision ACTIVE = new Decision("c1", "activation", "activation-first-order", "first order",
            AT, "8c67990e3623");

    private final KafkaConnectorProvider provider = new KafkaConnectorProvider();

    private TestContext.Builder writing(String decisions, String transitions) {
        return TestContext.forSink(provider).with("bootstrap-servers", TestBroker.bootstrapServers())
                .with("decisions-topic", decisions).with("transitions-topic", transitions);
    }

    @Test
    void keysEachRecordByCustomerIdAndKeepsTheTransitionIdAndPolicy() {
        String decisions = TestBroker.topic(1);
        String transitions = TestBroker.topic(1);
        try (Sink sink = writing(decisions, transitions).build().startedSink()) {
            sink.writeDecisions(List.of(ACTIVE));
            sink.writeTransitions(List.of(WELCOME));
            sink.flush();
        }

        List<ConsumerRecord<String, String>> moves = TestBroker.consume(transitions);
        assertThat(moves).extracting(ConsumerRecord::key).containsExactly("c1");
        assertThat(moves.get(0).value()).isEqualTo("{\"id\":\"c1:activation:2026-11-01\",\"customerId\":\"c1\","
                + "\"from\":\"awareness\",\"to\":\"activation\",\"at\":\"2026-11-01T00:00:00Z\","
                + "\"rule\":\"activation-first-order\",\"reason\":\"first order\",\"ruleBaseVersion\":\"8c67990e3623\","
                + "\"actions\":[\"welcome-series\"],\"policy\":\"kept_against_policy\"}");
        assertThat(TestBroker.consume(decisions)).extracting(ConsumerRecord::key).containsExactly("c1");
    }

    @Test
    void writesThroughAnIdempotentProducer() throws Exception {
        String transitions = TestBroker.topic(1);
        try (Sink sink = writing("unused", transitions).with("write", "transitions").build().startedSink()) {
            sink.writeTransitions(List.of(WELCOME));
            sink.flush();
        }

        TopicPartition partition = new TopicPartition(transitions, 0);
        assertThat(TestBroker.admin().describeProducers(List.of(partition)).partitionResult(partition).get()
                .activeProducers()).as("producers with an id and sequence numbers, which only idempotent ones have")
                .hasSize(1);
    }

    @Test
    void writesActionsWithTheirPayloadToTheActionsTopicWhenOneIsSet() {
        String decisions = TestBroker.topic(1);
        String transitions = TestBroker.topic(1);
        String actions = TestBroker.topic(1);
        ActionFired reminder = new ActionFired("a1", "c1", "abandoned-cart-email", "email:abandoned-cart",
                Instant.parse("2026-11-01T10:00:00Z"), "journey:abandoned-cart",
                Map.of("event", Map.of("properties", Map.of("total", 80.5))));
        try (Sink sink = writing(decisions, transitions).with("actions-topic", actions).build().startedSink()) {
            sink.writeActions(List.of(reminder));
            sink.flush();
        }

        assertThat(TestBroker.consume(actions)).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("c1");
            assertThat(record.value()).isEqualTo("{\"id\":\"a1\",\"customerId\":\"c1\","
                    + "\"action\":\"abandoned-cart-email\",\"channel\":\"email:abandoned-cart\","
                    + "\"at\":\"2026-11-01T10:00:00Z\",\"cause\":\"journey:abandoned-cart\","
                    + "\"payload\":{\"event\":{\"properties\":{\"total\":80.5}}}}");
        });
        assertThat(TestBroker.consume(transitions)).isEmpty();
    }

    @Test
    void writesOnlyTheKindItIsAskedFor() {
        String decisions = TestBroker.topic(1);
        String transitions = TestBroker.topic(1);
        try (Sink sink = writing(decisions, transitions).with("write", "decisions").build().startedSink()) {
            sink.writeDecisions(List.of(ACTIVE));
            sink.writeTransitions(List.of(WELCOME));
            sink.flush();
        }

        assertThat(ResultTopics.decisions(decisions)).containsExactly(ACTIVE);
        assertThat(TestBroker.consume(transitions)).isEmpty();
    }

    @Test
    void failsToStartNamingATopicTheBrokerDoesNotHave() {
        Sink sink = provider.sink().orElseThrow().newInstance();
        TestContext context = writing(TestBroker.topic(1), "no-such-topic").with("timeout", "1s").build();

        assertThatThrownBy(() -> sink.start(context)).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("topic 'no-such-topic' of setting 'transitions-topic'");
        sink.close();
    }
}
