package io.lifestage.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.plugin.kafka.TestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code lifestage stream} nodes in separate JVMs on a real in-process broker, 10,000 generated customers over an
 * input topic of six partitions, 200 of them with an order now; one node is killed with SIGKILL while they take in the
 * input. At the end every transition of a one-machine run is in the output topic exactly once and every action it
 * hands out (those due within the default {@code lifestage.actions.max-age}) in the actions topic exactly once (both
 * read with {@code read_committed}), and every customer's last transition leaves them in the stage the one-machine
 * run gives.
 */
class KilledNodeTest {

    /**
     * Long enough that the killed node's partitions have moved and every call is in before the first evaluation, on a
     * loaded machine too: a customer evaluated before all their calls are in keeps the moves found then (see
     * docs/scale-out.md), and would differ from the one-machine run.
     */
    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code lifestage.actions.max-age} as the nodes keep it, by default: the old history's actions are too old. */
    private static final Duration ACTIONS_MAX_AGE = Duration.ofDays(7);

    /** How long a test waits for what the nodes do before it fails. */
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void aNodeKilledMidwayLeavesEveryTransitionAndActionOnceAndEveryStageOfOneMachine() throws Exception {
        String input = TestBroker.topic(6);
        String output = TestBroker.topic(6);
        String actions = TestBroker.topic(6);
        List<String> calls = new ArrayList<>(OneMachine.oldHistory(21, 10_000));
        calls.addAll(OneMachine.ordersAt(Instant.now(), 200));
        TestBroker.produce(input, calls);
        OneMachine expected;
        try (LifestageContainer engine = OneMachine.engine()) {
            expected = OneMachine.run(engine, Files.write(dir.resolve("calls.jsonl"), calls), Instant.now(),
                    ACTIONS_MAX_AGE);
        }
        assertThat(expected.actions()).as("actions due now").isNotEmpty();
        String application = "killed-node-" + System.nanoTime();
        Path config = Files.writeString(dir.resolve("stream.properties"), String.join("\n",
                "lifestage.rules.dir=" + Path.of("..", "rules", "pack").toAbsolutePath(),
                "lifestage.stream.application-id=" + application,
                "lifestage.stream.bootstrap-servers=" + TestBroker.bootstrapServers(),
                "lifestage.stream.input-topics=" + input,
                "lifestage.stream.output-topic=" + output,
                "lifestage.stream.stages-topic=" + InProcessNode.stagesOf(output),
                "lifestage.stream.actions-topic=" + actions,
                "lifestage.stream.rejects-topic=" + TestBroker.topic(1),
                "lifestage.stream.replication-factor=1",
                "lifestage.stream.interval=" + INTERVAL.toSeconds() + "s",
                "lifestage.stream.kafka.session.timeout.ms=10000",
                "lifestage.stream.kafka.num.stream.threads=1"));
        List<Process> nodes = new ArrayList<>();
        try {
            for (int node = 1; node <= 3; node++) {
                nodes.add(start(config, node));
            }
            Waiting.until("three nodes in the group", PATIENCE, () -> members(application) == 3);
            Waiting.until("a quarter of the input taken in", PATIENCE,
                    () -> consumed(application, input) > calls.size() / 4);
            nodes.get(1).destroyForcibly().waitFor();
            assertThat(consumed(application, input)).as("killed while the input is taken in")
                    .isLessThan(calls.size());
            assertThat(TestBroker.consume(output)).as("killed before any evaluation").isEmpty();

            Waiting.until("every transition", PATIENCE, () -> values(TestBroker.consume(output))
                    .containsAll(expected.transitions()));
            InProcessNode.awaitActions(actions, expected.actions());
            Thread.sleep(INTERVAL.plusSeconds(2).toMillis());
            List<ConsumerRecord<String, String>> written = TestBroker.consume(output);
            assertThat(values(written).stream().filter(json -> expected.stages().containsKey(customerOf(json))))
                    .containsExactlyInAnyOrderElementsOf(expected.transitions());
            assertThat(lastStages(written)).containsAllEntriesOf(expected.stages());
            assertThat(InProcessNode.latestStages(InProcessNode.stagesOf(output))).as("the stages topic")
                    .isEqualTo(expected.stages());
            assertThat(cleanupPolicy(InProcessNode.stagesOf(output))).isEqualTo("compact");
            InProcessNode.assertActionsOf(actions, expected);
        } finally {
            for (Process node : nodes) {
                node.destroy();
            }
            for (Process node : nodes) {
                if (!node.waitFor(60, TimeUnit.SECONDS)) {
                    node.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** A node in a JVM of its own, as {@code lifestage stream} runs it, with this test's class path. */
    private Process start(Path config, int node) throws IOException {
        Path log = dir.resolve("node-" + node + ".log");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), NodeProcess.class.getName(),
                config.toString())
                .directory(Files.createDirectories(dir.resolve("node-" + node)).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static long consumed(String group, String topic) {
        try {
            return TestBroker.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()
                    .stream().filter(entry -> entry.getKey().topic().equals(topic))
                    .mapToLong(entry -> entry.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cleanupPolicy(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return TestBroker.admin().describeConfigs(List.of(resource)).all().get().get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }

    private static int members(String group) {
        try {
            return TestBroker.admin().describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
        } catch (Exception e) {
            return 0;
        }
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static String customerOf(String transition) {
        return read(transition).get("customerId").asText();
    }

    /** Each customer's stage after their last transition that the policy did not refuse. */
    private static Map<String, String> lastStages(List<ConsumerRecord<String, String>> records) {
        Map<String, JsonNode> last = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode move = read(record.value());
            if (!move.get("policy").asText().equals("refused")) {
                last.merge(record.key(), move, (was, now) -> Instant.parse(now.get("at").asText())
                        .isBefore(Instant.parse(was.get("at").asText())) ? was : now);
            }
        }
        Map<String, String> stages = new TreeMap<>();
        last.forEach((customer, move) -> stages.put(customer, move.get("to").asText()));
        return stages;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
