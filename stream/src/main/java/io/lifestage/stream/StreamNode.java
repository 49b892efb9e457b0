package io.lifestage.stream;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.metrics.MetricsCalculator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One node of the distributed mode on Kafka Streams, run until the process is stopped (Ctrl-C or SIGTERM close it
 * cleanly, handing its partitions to the other nodes) or Kafka Streams stops on an error. Nodes started with the same
 * {@code lifestage.stream.application-id} share the input's partitions. See docs/scale-out.md.
 */
public final class StreamNode {

    private StreamNode() {
    }

    /**
     * Runs a node; prints one line once it has started.
     *
     * @return 0 after a clean stop, 1 when Kafka Streams stopped on an error
     */
    public static int runUntilStopped(Map<String, String> overrides, Path configFile, PrintWriter out)
            throws InterruptedException {
        StreamSettings settings = StreamSettings.from(LifestageConfig.build(overrides, configFile));
        System.setProperty("org.jboss.weld.se.shutdownHook", "false");
        try (LifestageContainer engine = LifestageContainer.start(overrides, configFile)) {
            StageTopology topology = new StageTopology(settings, engine.liveRuleBase()::current,
                    engine.bean(MetricsCalculator.class));
            StagesTopic.ensureCompacted(settings);
            CountDownLatch stopped = new CountDownLatch(1);
            try (KafkaStreams streams = new KafkaStreams(topology.build(), settings.streamsProperties())) {
                streams.setStateListener((now, before) -> {
                    if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                        stopped.countDown();
                    }
                });
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    streams.close(Duration.ofSeconds(60));
                    stopped.countDown();
                }, "lifestage-stream-stop"));
                streams.start();
                out.printf("Lifestage stream node of application '%s' reading %s, transitions to '%s', stages to"
                        + " '%s'%s; Ctrl-C stops%nRule pack %s%n", settings.applicationId(),
                        String.join(",", settings.inputTopics()), settings.outputTopic(), settings.stagesTopic(),
                        settings.actionsTopic() == null ? "" : ", actions to '" + settings.actionsTopic() + "'",
                        engine.rulesOrigin());
                out.flush();
                stopped.await();
                return streams.state() == KafkaStreams.State.ERROR ? 1 : 0;
            }
        }
    }
}
