package io.lifestage.stream;

import static io.lifestage.stream.InProcessNode.assertTransitionsOf;
import static io.lifestage.stream.InProcessNode.awaitTransitions;
import static io.lifestage.stream.InProcessNode.stages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.plugin.kafka.TestBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer nobody here wrote feeding the stream mode: Debian's {@code kcat} (librdkafka) produces a file of
 * generated Segment calls, a line a record, into an input topic of six partitions, and a {@code lifestage stream} node
 * on the test broker classifies them as one machine does. Skipped when {@code kcat} is not installed
 * ({@code apt-get install kcat}; {@code .ci/run} installs it).
 */
class KcatInputTest {

    /** Long enough that the first punctuation comes after the node has taken in the whole input. */
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aNodeClassifiesWhatKcatProducedAsOneMachineDoes() throws Exception {
        Path events = Files.write(dir.resolve("events.jsonl"), OneMachine.oldHistory(13, 1_000));
        String input = TestBroker.topic(6);
        String output = TestBroker.topic(6);
        String rejects = TestBroker.topic(1);
        produceWithKcat(input, events);

        try (LifestageContainer engine = OneMachine.engine();
             KafkaStreams node = InProcessNode.create(engine, "kcat-input-" + System.nanoTime(), input, output,
                     rejects, INTERVAL, dir.resolve("state"))) {
            node.start();
            OneMachine expected = OneMachine.run(engine, events, Instant.now());
            assertThat(expected.transitions()).isNotEmpty();
            awaitTransitions(output, expected.transitions());
            Thread.sleep(INTERVAL.plusSeconds(2).toMillis());

            assertTransitionsOf(output, expected);
            assertThat(stages(node)).isEqualTo(expected.stages());
            assertThat(TestBroker.consume(rejects)).as("every record kcat wrote is a Segment call").isEmpty();
        }
    }

    private static void produceWithKcat(String topic, Path events) throws Exception {
        Process kcat;
        try {
            kcat = new ProcessBuilder("kcat", "-P", "-b", TestBroker.bootstrapServers(), "-t", topic, "-l",
                    events.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            abort("kcat is not installed: apt-get install kcat (.ci/run does) to run this test");
            return;
        }
        assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).as("kcat ended within a minute").isTrue();
        assertThat(kcat.exitValue()).as("kcat's exit code; it said: %s",
                new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }
}
