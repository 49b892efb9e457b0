package io.lifestage.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.SegmentJson;
import io.lifestage.testkit.TestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Segment calls produced into a topic come out of the source as the same events, and the transitions a run would
 * decide from them, written by the sink, are read back by a plain read_committed consumer as they were written.
 */
class KafkaRoundTripTest {

    private final KafkaConnectorProvider provider = new KafkaConnectorProvider();

    @Test
    void callsInATopicBecomeFactsAndTransitionsWrittenComeBackUnchanged() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        List<Event> events = List.of(Event.track("u1", "Signed Up", at, Map.of()),
                Event.track("u2", "Order Completed", at.plusSeconds(60), Map.of("total", 59.5)),
                Event.track("u1", "Order Completed", at.plusSeconds(120), Map.of("total", 12L)));
        String input = TestBroker.topic(2);
        TestBroker.produce(input, null, events.stream().map(SegmentJson::call).toList());

        List<Fact> facts;
        try (Source source = provider.source().orElseThrow().newInstance()) {
            source.start(TestContext.forSource(provider).with("bootstrap-servers", TestBroker.bootstrapServers())
                    .with("topics", input).build());
            facts = KafkaSourceTest.readToEnd(source);
        }
        assertThat(facts).containsExactlyInAnyOrderElementsOf(events);

        List<Transition> transitions = facts.stream().map(Fact::customerId).distinct().sorted()
                .map(customer -> new Transition(customer + ":customer:2026-11-01", customer, null, "customer",
                        Instant.parse("2026-11-01T00:00:00Z"), "customer-ordered", "ordered", "v1", List.of(),
                        Transition.Policy.ALLOWED))
                .toList();
        String output = TestBroker.topic(3);
        try (Sink sink = provider.sink().orElseThrow().newInstance()) {
            sink.start(TestContext.forSink(provider).with("bootstrap-servers", TestBroker.bootstrapServers())
                    .with("write", "transitions").with("transitions-topic", output).build());
            sink.writeTransitions(transitions);
            sink.flush();
        }
        assertThat(ResultTopics.transitions(output)).containsExactlyInAnyOrderElementsOf(transitions);
    }
}
