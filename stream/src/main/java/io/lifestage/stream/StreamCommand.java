package io.lifestage.stream;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.cli.CommandExtension;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.profile.MetricsCalculator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lifestage stream}: one node of the distributed mode on Kafka Streams, until the process is stopped (Ctrl-C
 * or SIGTERM close it cleanly, handing its partitions to the other nodes) or Kafka Streams stops on an error (exit
 * status 1). Nodes started with the same {@code lifestage.stream.application-id} share the input's partitions. See
 * docs/scale-out.md. Added to the command line through {@link CommandExtension} when this module is on the class path.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Runs a node of the distributed mode on Kafka Streams: Segment calls from topics, customers'"
                + " stages in state stores, transitions to a topic, exactly once. Nodes with the same application id"
                + " share the work.")
public final class StreamCommand implements Callable<Integer>, CommandExtension {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with lifestage.* settings, lifestage.stream.* among them (see"
                    + " docs/scale-out.md).")
    Path config;

    @Option(names = "--rules", paramLabel = "DIR", description = "The rule pack directory (lifestage.rules.dir).")
    Path rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = new HashMap<>();
        if (rules != null) {
            overrides.put("lifestage.rules.dir", rules.toString());
        }
        StreamSettings settings = StreamSettings.from(LifestageConfig.build(overrides, config));
        System.setProperty("org.jboss.weld.se.shutdownHook", "false");
        try (LifestageContainer engine = LifestageContainer.start(overrides, config)) {
            StageTopology topology = new StageTopology(settings, engine.liveRuleBase()::current,
                    engine.bean(MetricsCalculator.class));
            CountDownLatch stopped = new CountDownLatch(1);
            try (KafkaStreams streams = new KafkaStreams(topology.build(), settings.streamsProperties())) {
                streams.setStateListener((now, before) -> {
                    if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                        stopped.countDown();
                    }
                });
                Thread hook = new Thread(() -> {
                    streams.close(Duration.ofSeconds(60));
                    stopped.countDown();
                }, "lifestage-stream-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                streams.start();
                PrintWriter out = spec.commandLine().getOut();
                out.printf("Lifestage stream node of application '%s' reading %s, transitions to '%s'; Ctrl-C"
                        + " stops%n", settings.applicationId(), String.join(",", settings.inputTopics()),
                        settings.outputTopic());
                out.flush();
                stopped.await();
                return streams.state() == KafkaStreams.State.ERROR ? 1 : 0;
            }
        }
    }
}
