package io.lifestage.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.segment.SegmentCall;
import io.lifestage.testkit.TestContext;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A producer nobody here wrote: Debian's {@code kcat} (librdkafka) produces the sample events file, a line a record,
 * into a topic of three partitions, and the source reads every call in it and rejects its two bad lines. Skipped
 * when {@code kcat} is not installed ({@code apt-get install kcat}; {@code .ci/run} installs it).
 */
class KcatProducerTest {

    private static final Path EVENTS = Path.of("../../rules/sample/events.jsonl");

    @Test
    void readsEveryCallOfAnEventsFileThatKcatProduced() throws Exception {
        Path kcat = onPath("kcat");
        assumeTrue(kcat != null, "kcat is not installed: apt-get install kcat (.ci/run does) to run this test");
        String topic = TestBroker.topic(3);
        Process producer = new ProcessBuilder(kcat.toString(), "-P", "-b", TestBroker.bootstrapServers(), "-t", topic,
                "-l", EVENTS.toString()).redirectErrorStream(true).start();
        assertThat(producer.waitFor(60, TimeUnit.SECONDS)).as("kcat ended within a minute").isTrue();
        assertThat(producer.exitValue()).as("kcat's exit code; it said: %s",
                new String(producer.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        KafkaConnectorProvider provider = new KafkaConnectorProvider();
        TestContext context = TestContext.forSource(provider).with("bootstrap-servers", TestBroker.bootstrapServers())
                .with("topics", topic).build();
        List<Fact> facts;
        try (Source source = provider.source().orElseThrow().newInstance()) {
            source.start(context);
            facts = KafkaSourceTest.readToEnd(source);
        }

        List<SegmentCall.Parsed> lines = Files.readAllLines(EVENTS).stream().filter(line -> !line.isBlank())
                .map(SegmentCall::parse).toList();
        assertThat(facts).hasSizeGreaterThan(8_000).containsExactlyInAnyOrderElementsOf(
                lines.stream().map(SegmentCall.Parsed::event).filter(Objects::nonNull).toList());
        assertThat(context.rejects()).as("the sample file's bad calls, each named by partition and offset")
                .extracting(Rejection::reason).containsExactlyInAnyOrderElementsOf(
                        lines.stream().map(SegmentCall.Parsed::rejection).filter(Objects::nonNull).toList());
        assertThat(context.rejects()).isNotEmpty().extracting(Rejection::position)
                .allMatch(position -> position.matches("partition [0-2] offset \\d+"));
    }

    private static Path onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, program)).filter(Files::isExecutable).findFirst().orElse(null);
    }
}
