package io.lifestage.stream;

import static io.lifestage.stream.InProcessNode.PATIENCE;
import static io.lifestage.stream.InProcessNode.activeTasks;
import static io.lifestage.stream.InProcessNode.assertActionsOf;
import static io.lifestage.stream.InProcessNode.assertTransitionsOf;
import static io.lifestage.stream.InProcessNode.awaitActions;
import static io.lifestage.stream.InProcessNode.awaitTransitions;
import static io.lifestage.stream.InProcessNode.latestStages;
import static io.lifestage.stream.InProcessNode.stages;
import static io.lifestage.stream.InProcessNode.stagesOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.plugin.kafka.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of {@code lifestage stream} (its topology in two Kafka Streams instances of one application id) on a real
 * in-process broker, over an input topic of six partitions: they share the partitions, the output and actions topics
 * read with {@code read_committed} hold every transition and action of a one-machine run exactly once, and a node
 * closed hands its customers to the other, whose answers still equal one machine's.
 */
class TwoNodesTest {

    /** Long enough that the first punctuation comes after the nodes have taken in the whole input. */
    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final int TASKS = 3 * 6;

    @TempDir
    Path dir;

    @Test
    void twoNodesShareThePartitionsAndAClosedOneHandsItsCustomersOverWithEveryTransitionAndActionOnce()
            throws Exception {
        String input = TestBroker.topic(6);
        String output = TestBroker.topic(6);
        String actions = TestBroker.topic(6);
        String rejects = TestBroker.topic(1);
        List<String> calls = new ArrayList<>(OneMachine.oldHistory(3, 1_000));
        TestBroker.produce(input, calls);
        TestBroker.produce(input, List.of("not a Segment call"));
        String application = "two-nodes-" + System.nanoTime();
        try (LifestageContainer engine = OneMachine.engine();
             KafkaStreams first = node(engine, application, input, output, actions, rejects, "first");
             KafkaStreams second = node(engine, application, input, output, actions, rejects, "second")) {
            first.start();
            second.start();
            Waiting.until("both nodes have tasks", PATIENCE, () -> !activeTasks(first).isEmpty()
                    && !activeTasks(second).isEmpty()
                    && activeTasks(first).size() + activeTasks(second).size() == TASKS);
            OneMachine history = OneMachine.run(engine, write("history.jsonl", calls), Instant.now());
            awaitTransitions(output, history.transitions());

            second.close(Duration.ofSeconds(30));
            Waiting.until("the first node has every task", PATIENCE, () -> first.state() == KafkaStreams.State.RUNNING
                    && activeTasks(first).size() == TASKS);
            List<String> orders = OneMachine.ordersAt(Instant.now(), 200);
            TestBroker.produce(input, orders);
            calls.addAll(orders);
            OneMachine expected = OneMachine.run(engine, write("all.jsonl", calls), Instant.now());
            assertThat(expected.transitions()).hasSizeGreaterThan(history.transitions().size());
            assertThat(expected.actions()).hasSizeGreaterThan(history.actions().size());
            awaitTransitions(output, expected.transitions());
            awaitActions(actions, expected.actions());
            Thread.sleep(INTERVAL.plusSeconds(2).toMillis());

            assertTransitionsOf(output, expected);
            assertActionsOf(actions, expected);
            assertThat(stages(first)).isEqualTo(expected.stages());
            assertThat(latestStages(stagesOf(output))).as("the stages topic").isEqualTo(expected.stages());
            assertThat(TestBroker.consume(rejects)).singleElement()
                    .satisfies(record -> assertThat(record.value()).contains("\"partition\":", "\"offset\":"));
        }
    }

    private KafkaStreams node(LifestageContainer engine, String application, String input, String output,
                              String actions, String rejects, String name) throws InterruptedException {
        return InProcessNode.create(engine, application, input, output, actions, rejects, INTERVAL,
                dir.resolve(name));
    }

    private Path write(String name, List<String> lines) throws Exception {
        return Files.write(dir.resolve(name), lines);
    }
}
