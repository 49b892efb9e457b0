package io.lifestage.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.generate.SyntheticEvents;
import io.lifestage.engine.metrics.MetricsCalculator;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on Kafka's own test driver (one partition, wall clock moved by the test): it gives every customer the
 * stage and the transitions of a one-machine run as of the punctuation's instant, resolves identity, moves customers by
 * time alone at their deadline, and evaluates only those due.
 */
class StageTopologyTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LifestageContainer engine;

    @TempDir
    Path dir;
    private StageTopology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> calls;
    private TestOutputTopic<String, String> transitions;
    private TestOutputTopic<String, String> stageChanges;
    private TestOutputTopic<String, String> actions;

    @BeforeAll
    static void startEngine() {
        engine = OneMachine.engine();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void everyCustomerGetsTheStageAndTransitionsOfAOneMachineRun() throws Exception {
        StringWriter generated = new StringWriter();
        new SyntheticEvents(11, AS_OF).write(3_000, generated);
        Path file = Files.writeString(dir.resolve("events.jsonl"), generated.toString());
        OneMachine expected = OneMachine.run(engine, file, AS_OF);

        start(AS_OF.minus(INTERVAL), "actions");
        Files.readAllLines(file).forEach(calls::pipeInput);
        driver.advanceWallClockTime(INTERVAL);

        assertThat(transitions.readValuesToList()).containsExactlyInAnyOrderElementsOf(expected.transitions());
        assertThat(expected.actions()).isNotEmpty();
        assertThat(actions.readValuesToList()).containsExactlyInAnyOrderElementsOf(expected.actions());
        assertThat(stages()).isEqualTo(expected.stages());
        assertThat(InProcessNode.latestStages(stageChanges.readKeyValuesToList())).as("the stages topic")
                .isEqualTo(expected.stages());
        assertThat(topology.evaluations()).isEqualTo(expected.stages().size());
        driver.close();
    }

    /** On one partition here; the broker test runs the same path with the ids on different partitions. */
    @Test
    void anIdentifyAfterTheAnonymousVisitsGivesTheUserTheHistoryOfOneMachine() throws Exception {
        Instant day0 = Instant.parse("2026-05-01T09:00:00Z");
        List<String> anonymous = List.of(page("anon-7", null, day0), productViewed("anon-7", day0.plusSeconds(60)),
                productViewed("anon-7", day0.plus(Duration.ofDays(1))));
        List<String> later = List.of(identify("ann", "anon-7", day0.plus(Duration.ofDays(2))),
                order("ann", day0.plus(Duration.ofDays(3))));
        Instant firstLook = day0.plus(Duration.ofDays(1)).plusSeconds(3_600);
        Instant secondLook = day0.plus(Duration.ofDays(4));
        Path all = Files.write(dir.resolve("all.jsonl"), concat(anonymous, later));

        start(firstLook.minus(INTERVAL));
        anonymous.forEach(calls::pipeInput);
        driver.advanceWallClockTime(INTERVAL);
        assertThat(stages()).containsOnlyKeys("anon-7");
        transitions.readValuesToList();
        later.forEach(calls::pipeInput);
        driver.advanceWallClockTime(Duration.between(firstLook, secondLook));

        OneMachine expected = OneMachine.run(engine, all, secondLook);
        assertThat(expected.stages()).containsOnlyKeys("ann");
        assertThat(stages()).isEqualTo(expected.stages());
        assertThat(transitions.readValuesToList()).containsExactlyInAnyOrderElementsOf(expected.transitions());
        assertThat(InProcessNode.latestStages(stageChanges.readKeyValuesToList()))
                .as("the stages topic: the anonymous customer removed by a tombstone").isEqualTo(expected.stages());
        calls.pipeInput(page("anon-7", null, secondLook.minusSeconds(60)));
        assertThat(driver.<String, List<StreamFact>>getKeyValueStore(StageTopology.FACTS).get("ann")).hasSize(6);
        assertThat(driver.<String, List<StreamFact>>getKeyValueStore(StageTopology.FACTS).get("anon-7")).isNull();
        driver.close();
    }

    @Test
    void aCustomerMovesByTimeAloneAtTheirDeadlineAndNobodyElseIsEvaluated() throws Exception {
        Instant day0 = Instant.parse("2026-01-05T10:17:23Z");
        Instant firstLook = day0.plus(Duration.ofDays(11));
        start(firstLook.minus(INTERVAL));
        calls.pipeInput(order("ann", day0));
        calls.pipeInput(page(null, "ann", day0.plus(Duration.ofDays(3))));
        calls.pipeInput(page(null, "ann", day0.plus(Duration.ofDays(10))));
        for (int i = 0; i < 50; i++) {
            calls.pipeInput(page(null, "visitor-" + i, firstLook.minus(Duration.ofHours(1))));
        }
        driver.advanceWallClockTime(INTERVAL);
        assertThat(topology.evaluations()).isEqualTo(51);
        transitions.readValuesToList();

        driver.advanceWallClockTime(INTERVAL);
        assertThat(topology.evaluations()).as("nobody is due yet").isEqualTo(51);

        long deadline = customers().get("ann").nextCheckAt();
        assertThat(customers().values()).as("due by then: ann alone")
                .filteredOn(c -> c.nextCheckAt() != null && c.nextCheckAt() <= deadline).hasSize(1);
        driver.advanceWallClockTime(Duration.ofMillis(deadline - firstLook.plus(INTERVAL).toEpochMilli()));
        assertThat(topology.evaluations()).isEqualTo(52);
        List<KeyValue<String, String>> moved = transitions.readKeyValuesToList();
        assertThat(moved).hasSize(1);
        JsonNode move = JSON.readTree(moved.get(0).value);
        assertThat(moved.get(0).key).isEqualTo("ann");
        assertThat(move.get("from").asText()).isEqualTo("conversion");
        assertThat(Instant.parse(move.get("at").asText())).isEqualTo(Instant.ofEpochMilli(deadline));
        List<KeyValue<String, String>> staged = stageChanges.readKeyValuesToList();
        assertThat(staged.get(staged.size() - 1).key).isEqualTo("ann");
        JsonNode stage = JSON.readTree(staged.get(staged.size() - 1).value);
        assertThat(stage.get("stage").asText()).isEqualTo(move.get("to").asText());
        assertThat(Instant.parse(stage.get("since").asText())).isEqualTo(Instant.ofEpochMilli(deadline));
        driver.close();
    }

    @Test
    void anAbandonedCartFiresAtItsMinuteOnceAndAnOrderInBetweenCancelsAnother() throws Exception {
        Instant checkout = Instant.parse("2026-06-01T10:00:00Z");
        Instant due = checkout.plus(Duration.ofHours(1));
        Instant firstLook = checkout.plus(Duration.ofMinutes(10));
        start(firstLook.minus(INTERVAL), "actions");
        calls.pipeInput(identify("ann", null, checkout.minus(Duration.ofDays(1)), "ann@example.com"));
        calls.pipeInput(checkoutStarted("ann", checkout));
        calls.pipeInput(checkoutStarted("bob", checkout));
        calls.pipeInput(order("bob", checkout.plus(Duration.ofMinutes(5))));
        driver.advanceWallClockTime(INTERVAL);
        assertThat(actions.readKeyValuesToList()).as("bob's first purchase only; no reminder due yet")
                .extracting(record -> record.key + " " + JSON.readTree(record.value).get("action").asText())
                .containsExactly("bob welcome-series");
        assertThat(customers().get("ann").nextCheckAt()).as("ann's next check: the reminder")
                .isEqualTo(due.toEpochMilli());
        long evaluated = topology.evaluations();

        driver.advanceWallClockTime(Duration.between(firstLook, due.minusSeconds(1)));
        assertThat(actions.readValuesToList()).as("a second early").isEmpty();
        driver.advanceWallClockTime(INTERVAL);
        driver.advanceWallClockTime(INTERVAL);

        assertThat(topology.evaluations()).as("ann alone was due").isEqualTo(evaluated + 1);
        assertThat(actions.readKeyValuesToList()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo("ann");
            JsonNode action = JSON.readTree(record.value);
            assertThat(action.get("action").asText()).isEqualTo("abandoned-cart-email");
            assertThat(action.get("channel").asText()).isEqualTo("email:abandoned-cart");
            assertThat(action.get("cause").asText()).isEqualTo("journey:abandoned-cart");
            assertThat(Instant.parse(action.get("at").asText())).isEqualTo(due);
            assertThat(action.at("/payload/traits/email").asText()).isEqualTo("ann@example.com");
            assertThat(action.at("/payload/event/properties/cart_id").asText()).isEqualTo("cart-ann");
            assertThat(action.at("/payload/event/properties/total").asDouble()).isEqualTo(80.5);
        });
        driver.close();
    }

    @Test
    void publishesNoActionsAnywhereWithoutAnActionsTopic() throws Exception {
        Instant signUp = Instant.parse("2026-06-01T10:00:00Z");
        start(signUp.plusSeconds(60), null);
        calls.pipeInput(identify("ann", null, signUp, "ann@example.com"));
        calls.pipeInput("{\"type\":\"track\",\"userId\":\"ann\",\"event\":\"Signed Up\",\"timestamp\":\""
                + signUp + "\"}");
        driver.advanceWallClockTime(INTERVAL);

        assertThat(transitions.readValuesToList()).isNotEmpty()
                .allSatisfy(json -> assertThat(JSON.readTree(json).has("to")).as(json).isTrue());
        assertThat(actions.isEmpty()).isTrue();
        driver.close();
    }

    private void start(Instant wallClock) {
        start(wallClock, null);
    }

    /** Starts the driver; actions go to the topic {@code actions} when {@code actionsTopic} is that, else nowhere. */
    private void start(Instant wallClock, String actionsTopic) {
        StreamSettings settings = new StreamSettings("stage-topology-test", "unused:9092", List.of("calls"),
                "transitions", "stages", actionsTopic, "rejects", INTERVAL, Duration.ofHours(1), null, 1,
                dir.resolve("state").toString(), new Properties());
        topology = new StageTopology(settings, engine::ruleBase, engine.bean(MetricsCalculator.class));
        driver = new TopologyTestDriver(topology.build(), settings.streamsProperties(), wallClock);
        calls = driver.createInputTopic("calls", new StringSerializer(), new StringSerializer());
        transitions = driver.createOutputTopic("transitions", new StringDeserializer(), new StringDeserializer());
        stageChanges = driver.createOutputTopic("stages", new StringDeserializer(), new StringDeserializer());
        actions = driver.createOutputTopic("actions", new StringDeserializer(), new StringDeserializer());
    }

    private Map<String, CustomerRecord> customers() {
        KeyValueStore<String, CustomerRecord> store = driver.getKeyValueStore(StageTopology.CUSTOMERS);
        Map<String, CustomerRecord> all = new HashMap<>();
        try (KeyValueIterator<String, CustomerRecord> entries = store.all()) {
            entries.forEachRemaining(entry -> all.put(entry.key, entry.value));
        }
        return all;
    }

    private Map<String, String> stages() {
        Map<String, String> stages = new TreeMap<>();
        customers().forEach((id, customer) -> stages.put(id, customer.stage()));
        return stages;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String page(String anonymousId, String userId, Instant at) {
        return "{\"type\":\"page\"," + ids(userId, anonymousId) + ",\"timestamp\":\"" + at + "\"}";
    }

    private static String productViewed(String anonymousId, Instant at) {
        return "{\"type\":\"track\",\"anonymousId\":\"" + anonymousId + "\",\"event\":\"Product Viewed\","
                + "\"timestamp\":\"" + at + "\"}";
    }

    private static String identify(String userId, String anonymousId, Instant at) {
        return "{\"type\":\"identify\"," + ids(userId, anonymousId) + ",\"timestamp\":\"" + at + "\"}";
    }

    private static String identify(String userId, String anonymousId, Instant at, String email) {
        return "{\"type\":\"identify\"," + ids(userId, anonymousId) + ",\"timestamp\":\"" + at
                + "\",\"traits\":{\"email\":\"" + email + "\"}}";
    }

    private static String checkoutStarted(String userId, Instant at) {
        return "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"Checkout Started\",\"timestamp\":\""
                + at + "\",\"properties\":{\"cart_id\":\"cart-" + userId + "\",\"total\":80.5,"
                + "\"products\":[\"sku-1\"]}}";
    }

    private static String order(String userId, Instant at) {
        return "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"Order Completed\",\"timestamp\":\""
                + at + "\",\"properties\":{\"total\":40}}";
    }

    private static String ids(String userId, String anonymousId) {
        List<String> ids = new ArrayList<>();
        if (userId != null) {
            ids.add("\"userId\":\"" + userId + "\"");
        }
        if (anonymousId != null) {
            ids.add("\"anonymousId\":\"" + anonymousId + "\"");
        }
        return String.join(",", ids);
    }
}
