package io.lifestage.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.plugin.kafka.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A node of {@code lifestage stream} in the test JVM (its topology in a Kafka Streams instance with one stream thread,
 * on the test broker), and what tests read from nodes and their output.
 */
final class InProcessNode {

    /** How long a test waits for what the nodes do before it fails. */
    static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private InProcessNode() {
    }

    /**
     * A node, not started yet, keeping its state in {@code stateDir}, publishing no actions; its stages topic is
     * created as a node does.
     */
    static KafkaStreams create(LifestageContainer engine, String application, String input, String output,
                               String rejects, Duration interval, Path stateDir) throws InterruptedException {
        return create(engine, application, input, output, null, rejects, interval, stateDir);
    }

    /** A node as above that publishes the actions due to {@code actions}, unless null. */
    static KafkaStreams create(LifestageContainer engine, String application, String input, String output,
                               String actions, String rejects, Duration interval, Path stateDir)
            throws InterruptedException {
        Properties kafka = new Properties();
        kafka.put("num.stream.threads", "1");
        StreamSettings settings = new StreamSettings(application, TestBroker.bootstrapServers(), List.of(input),
                output, stagesOf(output), actions, rejects, interval, Duration.ofHours(1), null, 1, stateDir.toString(),
                kafka);
        StagesTopic.ensureCompacted(settings);
        return new KafkaStreams(new StageTopology(settings, engine::ruleBase, engine.bean(MetricsCalculator.class))
                .build(), settings.streamsProperties());
    }

    /** The stages topic of a node whose transitions go to {@code output}. */
    static String stagesOf(String output) {
        return output + "-stages";
    }

    /**
     * Stage by customer id as a reader of the stages topic (read with {@code read_committed}) ends up with: the latest
     * record of each key, a tombstone removing it, as compaction leaves them.
     */
    static Map<String, String> latestStages(String stagesTopic) {
        return latestStages(TestBroker.consume(stagesTopic).stream()
                .map(record -> new KeyValue<>(record.key(), record.value())).toList());
    }

    /** Stage by customer id after these records of a stages topic, in their order. */
    static Map<String, String> latestStages(List<KeyValue<String, String>> records) {
        Map<String, String> stages = new TreeMap<>();
        for (KeyValue<String, String> record : records) {
            if (record.value == null) {
                stages.remove(record.key);
            } else {
                stages.put(record.key, read(record.value).get("stage").asText());
            }
        }
        return stages;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static Set<TaskId> activeTasks(KafkaStreams node) {
        Set<TaskId> tasks = new HashSet<>();
        node.metadataForLocalThreads().forEach(thread -> thread.activeTasks()
                .forEach(task -> tasks.add(task.taskId())));
        return tasks;
    }

    /** Stage by customer id, as the node's {@code customers} store holds them. */
    static Map<String, String> stages(KafkaStreams node) throws InterruptedException {
        Map<String, String> stages = new TreeMap<>();
        Waiting.until("the customers store can be read", PATIENCE, () -> {
            try {
                ReadOnlyKeyValueStore<String, CustomerRecord> customers = node.store(StoreQueryParameters
                        .fromNameAndType(StageTopology.CUSTOMERS, QueryableStoreTypes.keyValueStore()));
                try (KeyValueIterator<String, CustomerRecord> all = customers.all()) {
                    all.forEachRemaining(entry -> stages.put(entry.key, entry.value.stage()));
                }
                return true;
            } catch (InvalidStateStoreException e) {
                stages.clear();
                return false;
            }
        });
        return stages;
    }

    /**
     * Checks the output topic, read with {@code read_committed}: the transitions of the one-machine run's customers are
     * exactly its transitions, each once; any other is of an anonymous visitor an identify call linked later.
     */
    static void assertTransitionsOf(String output, OneMachine expected) {
        List<ConsumerRecord<String, String>> written = TestBroker.consume(output);
        assertThat(written.stream().filter(record -> expected.stages().containsKey(record.key()))
                .map(ConsumerRecord::value).toList()).containsExactlyInAnyOrderElementsOf(expected.transitions());
        assertThat(written).filteredOn(record -> !expected.stages().containsKey(record.key()))
                .as("the others are of anonymous visitors an identify call linked later")
                .allSatisfy(record -> assertThat(record.key()).startsWith("anon-"));
    }

    /** Returns once the topic holds every one of the expected transitions (JSON). */
    static void awaitTransitions(String topic, List<String> expected) throws InterruptedException {
        Waiting.until(expected.size() + " transitions in " + topic, PATIENCE, () -> TestBroker.consume(topic)
                .stream().map(ConsumerRecord::value).toList().containsAll(expected));
    }

    /** Returns once the actions topic holds an action of every id of the expected actions (JSON). */
    static void awaitActions(String topic, List<String> expected) throws InterruptedException {
        List<String> ids = expected.stream().map(json -> read(json).get("id").asText()).toList();
        Waiting.until(expected.size() + " actions in " + topic, PATIENCE, () -> TestBroker.consume(topic)
                .stream().map(record -> read(record.value()).get("id").asText()).toList().containsAll(ids));
    }

    /**
     * Checks the actions topic, read with {@code read_committed}: the actions of the one-machine run's customers are
     * exactly its actions, each once, but for the RFM score a payload may carry, which each partition ranks among its
     * own buyers (docs/scale-out.md, "RFM scores") and so may differ by a quintile; any other action is of an
     * anonymous visitor an identify call linked later.
     */
    static void assertActionsOf(String topic, OneMachine expected) {
        List<ConsumerRecord<String, String>> written = TestBroker.consume(topic);
        assertThat(written.stream().filter(record -> expected.stages().containsKey(record.key()))
                .map(record -> withoutRfm(record.value())).toList())
                .containsExactlyInAnyOrderElementsOf(expected.actions().stream().map(InProcessNode::withoutRfm)
                        .toList());
        assertThat(written).filteredOn(record -> !expected.stages().containsKey(record.key()))
                .allSatisfy(record -> assertThat(record.key()).startsWith("anon-"));
    }

    private static String withoutRfm(String action) {
        ObjectNode json = (ObjectNode) read(action);
        if (json.at("/payload/metrics") instanceof ObjectNode metrics) {
            metrics.remove("rfm");
        }
        return json.toString();
    }
}
