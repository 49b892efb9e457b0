package io.lifestage.plugin.kafka;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SegmentJson;
import io.lifestage.testkit.SourceContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The kafka source honours the source contract on a real broker: the contract's events are Segment calls in a topic
 * of one partition, read two at a time; records produced after the end come back on a later poll.
 */
class KafkaSourceContractTest extends SourceContract {

    @Override
    protected ConnectorProvider provider() {
        return new KafkaConnectorProvider();
    }

    @Override
    protected Input prepare(Path dir, List<Fact> facts) {
        String topic = TestBroker.topic(1);
        TestBroker.produce(topic, null, calls(facts));
        return Input.growing(Map.of("bootstrap-servers", TestBroker.bootstrapServers(), "topics", topic,
                "group-id", topic + "-readers", "batch-size", "2"),
                more -> TestBroker.produce(topic, null, calls(more)));
    }

    private static List<String> calls(List<Fact> facts) {
        return facts.stream().map(fact -> SegmentJson.call((Event) fact)).toList();
    }

    @Override
    protected Map<String, String> failingSettings(Path dir) {
        return Map.of("bootstrap-servers", TestBroker.bootstrapServers(), "topics", "no-such-topic");
    }
}
