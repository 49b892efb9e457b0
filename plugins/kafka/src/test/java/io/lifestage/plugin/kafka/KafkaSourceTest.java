package io.lifestage.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.SegmentJson;
import io.lifestage.testkit.TestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How the kafka source reads topics on a real broker: partitions, positions, the consumer group, rejects. */
class KafkaSourceTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private final KafkaConnectorProvider provider = new KafkaConnectorProvider();

    /** A track call of {@code user} at minute {@code minute}, and its JSON. */
    private static Event event(String user, int minute) {
        return Event.track(user, "Order Completed", AT.plusSeconds(60L * minute), Map.of("total", 10L + minute));
    }

    private static List<String> json(Event... events) {
        return Arrays.stream(events).map(SegmentJson::call).toList();
    }

    private TestContext.Builder reading(String topic) {
        return TestContext.forSource(provider).with("bootstrap-servers", TestBroker.bootstrapServers())
                .with("topics", topic).with("group-id", topic + "-readers").with("batch-size", "2");
    }

    /** Polls until the source says there is nothing more. */
    static List<Fact> readToEnd(Source source) {
        List<Fact> facts = new ArrayList<>();
        for (List<Fact> batch = source.poll(); !batch.isEmpty(); batch = source.poll()) {
            facts.addAll(batch);
        }
        return facts;
    }

    @Test
    void resumesAfterAStopExactlyAtTheNextOffset() {
        String topic = TestBroker.topic(1);
        Event[] events = {event("u1", 1), event("u2", 2), event("u3", 3), event("u4", 4), event("u5", 5)};
        TestBroker.produce(topic, null, json(events));
        String position;
        try (Source source = reading(topic).build().startedSource()) {
            assertThat(source.poll()).containsExactly(events[0], events[1]);
            assertThat(source.poll()).containsExactly(events[2], events[3]);
            position = source.position();
        }
        assertThat(position).isEqualTo(topic + "=4");
        Event[] later = {event("u6", 6), event("u7", 7)};
        TestBroker.produce(topic, null, json(later));

        try (Source resumed = reading(topic).resumingAt(position).build().startedSource()) {
            assertThat(readToEnd(resumed)).containsExactly(events[4], later[0], later[1]);
            assertThat(resumed.position()).isEqualTo(topic + "=7");
        }
    }

    @Test
    void readsEveryPartitionInOrderAndResumesEachAtItsOwnOffset() {
        String topic = TestBroker.topic(3);
        TestBroker.produce(topic, 0, json(event("a", 1), event("a", 2)));
        TestBroker.produce(topic, 1, json(event("b", 1)));
        TestBroker.produce(topic, 2, json(event("c", 1), event("c", 2), event("c", 3)));
        String position;
        try (Source source = reading(topic).build().startedSource()) {
            List<Fact> facts = readToEnd(source);
            assertThat(facts).containsExactlyInAnyOrder(event("a", 1), event("a", 2), event("b", 1), event("c", 1),
                    event("c", 2), event("c", 3));
            assertThat(facts.stream().filter(fact -> fact.customerId().equals("c")))
                    .as("one partition's records in their order").containsExactly(event("c", 1), event("c", 2),
                            event("c", 3));
            position = source.position();
        }
        assertThat(position).isEqualTo(topic + "=2,1,3");
        TestBroker.produce(topic, 1, json(event("b", 2)));

        try (Source resumed = reading(topic).resumingAt(position).build().startedSource()) {
            assertThat(readToEnd(resumed)).containsExactly(event("b", 2));
        }
    }

    @Test
    void rejectsABadRecordByTopicPartitionAndOffsetAndReadsItsNeighbours() {
        String topic = TestBroker.topic(1);
        List<String> values = new ArrayList<>(List.of(SegmentJson.call(event("u1", 1)), "not json",
                "{\"type\":\"track\",\"userId\":\"u2\",\"timestamp\":\"2026-03-01T10:00:00Z\"}"));
        values.add(null);
        values.add(SegmentJson.call(event("u3", 3)));
        TestBroker.produce(topic, 0, values);
        TestContext context = reading(topic).build();

        try (Source source = context.startedSource()) {
            assertThat(readToEnd(source)).containsExactly(event("u1", 1), event("u3", 3));
        }
        assertThat(context.rejects()).extracting(Rejection::source).containsOnly(topic);
        assertThat(context.rejects()).extracting(Rejection::position)
                .containsExactly("partition 0 offset 1", "partition 0 offset 2", "partition 0 offset 3");
        assertThat(context.rejects().get(0).reason()).startsWith("malformed JSON");
        assertThat(context.rejects().get(0).record()).isEqualTo("not json");
        assertThat(context.rejects().get(1).reason()).isEqualTo("track call without an event name");
        assertThat(context.rejects().get(2).reason()).isEqualTo("no value: a tombstone");
    }

    @Test
    void startsAtTheGroupsCommittedOffsetsWithoutAStoredPositionAndCommitsAtTheEnd() throws Exception {
        String topic = TestBroker.topic(1);
        TestBroker.produce(topic, null, json(event("u1", 1), event("u2", 2), event("u3", 3)));
        try (Source source = reading(topic).build().startedSource()) {
            assertThat(readToEnd(source)).hasSize(3);
        }
        assertThat(TestBroker.committed(topic + "-readers")).containsExactly(Map.entry(new TopicPartition(topic, 0),
                3L));
        TestBroker.produce(topic, null, json(event("u4", 4)));

        try (Source next = reading(topic).build().startedSource()) {
            assertThat(readToEnd(next)).containsExactly(event("u4", 4));
        }
    }

    @Test
    void aStoredPositionWinsOverTheGroupsCommittedOffsets() {
        String topic = TestBroker.topic(1);
        TestBroker.produce(topic, null, json(event("u1", 1), event("u2", 2), event("u3", 3)));
        try (Source source = reading(topic).build().startedSource()) {
            readToEnd(source);
        }

        try (Source resumed = reading(topic).resumingAt(topic + "=1").build().startedSource()) {
            assertThat(readToEnd(resumed)).containsExactly(event("u2", 2), event("u3", 3));
        }
    }

    @Test
    void startsAfterTheLastRecordWhenAskedToStartFromLatest() {
        String topic = TestBroker.topic(1);
        TestBroker.produce(topic, null, json(event("u1", 1)));
        try (Source source = reading(topic).with("start-from", "latest").build().startedSource()) {
            assertThat(source.poll()).isEmpty();
            TestBroker.produce(topic, null, json(event("u2", 2)));
            assertThat(readToEnd(source)).containsExactly(event("u2", 2));
        }
    }

    @Test
    void readsCommittedTransactionsOnlyAndEndsAfterTheirMarkers() {
        String topic = TestBroker.topic(1);
        Properties properties = TestBroker.producerProperties();
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-tx");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.initTransactions();
            transaction(producer, topic, json(event("u1", 1), event("u2", 2)), true);
            transaction(producer, topic, json(event("aborted", 3)), false);
            transaction(producer, topic, json(event("u4", 4)), true);
        }

        try (Source source = reading(topic).with("timeout", "5s").build().startedSource()) {
            assertThat(readToEnd(source)).containsExactly(event("u1", 1), event("u2", 2), event("u4", 4));
        }
    }

    private static void transaction(KafkaProducer<String, String> producer, String topic, List<String> values,
                                    boolean commit) {
        producer.beginTransaction();
        values.forEach(value -> producer.send(new ProducerRecord<>(topic, value)));
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush();
            producer.abortTransaction();
        }
    }

    @Test
    void refusesAPositionThatIsNotOffsetsSayingWhatItExpects() {
        String topic = TestBroker.topic(1);
        Source source = provider.source().orElseThrow().newInstance();

        assertThatThrownBy(() -> source.start(reading(topic).resumingAt("offset 12 line 3").build()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessageContaining("'offset 12 line 3'").hasMessageContaining("topic=offset,offset");
        source.close();
    }

    @Test
    void refusesToResumeBeyondTheEndOfAPartitionAsTheTopicWasMadeAgain() {
        String topic = TestBroker.topic(1);
        TestBroker.produce(topic, null, json(event("u1", 1)));
        Source source = provider.source().orElseThrow().newInstance();

        assertThatThrownBy(() -> source.start(reading(topic).resumingAt(topic + "=99").build()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessageContaining(topic + "-0 at offset 99").hasMessageContaining("clear the committed position");
        source.close();
    }

    @Test
    void failsToStartRetriablyWhenNoBrokerAnswers() {
        Source source = provider.source().orElseThrow().newInstance();
        TestContext context = TestContext.forSource(provider).with("bootstrap-servers", "127.0.0.1:1")
                .with("topics", "events").with("timeout", "1s").build();

        assertThatThrownBy(() -> source.start(context))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isTrue())
                .hasMessageContaining("127.0.0.1:1");
        source.close();
    }
}
