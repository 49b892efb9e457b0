package io.lifestage.bench;

import io.lifestage.api.Transition;
import io.lifestage.api.spi.Sink;
import io.lifestage.engine.connect.Connectors;
import io.lifestage.engine.connect.SettingsContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a sink costs per transition: N transitions shaped as a first run makes them (a third first moves, a quarter
 * listing an action) written through the file sink as JSON lines, a delivery of 25,000 at a time each ending with
 * the sink's flush (which forces the file to the disk), several rounds; reports nanoseconds per transition, median.
 *
 * <p>Arguments: {@code [transitions=2500000] [rounds=7] [file]}; without a file, a temporary one, deleted at the end.
 */
public final class SinkBenchmark {

    private static final int DELIVERY = 25_000;
    private static final List<String> STAGES = List.of("awareness", "consideration", "conversion", "retention",
            "loyalty", "churn");

    private SinkBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2_500_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        boolean temporary = args.length <= 2;
        Path file = temporary ? Files.createTempFile("lifestage-sink-bench-", ".jsonl") : Path.of(args[2]);
        List<Transition> transitions = transitions(count);
        System.out.printf(Locale.ROOT, "%,d transitions to %s; heap limit %,d MB; %d processors; Java %s%n", count,
                file, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        Connectors installed = Connectors.installed(SinkBenchmark.class.getClassLoader());
        List<Double> perTransition = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long started = System.nanoTime();
            try (Sink sink = installed.newSink("file")) {
                sink.start(new SettingsContext("bench", Map.of("path", file.toString(), "content", "transitions"),
                        rejection -> { }));
                for (int from = 0; from < count; from += DELIVERY) {
                    sink.writeTransitions(transitions.subList(from, Math.min(count, from + DELIVERY)));
                    sink.flush();
                }
            }
            double nanos = (System.nanoTime() - started) / (double) count;
            perTransition.add(nanos);
            System.out.printf(Locale.ROOT, "round %d: %,.0f ns per transition, %,d bytes%n", round, nanos,
                    Files.size(file));
        }
        if (temporary) {
            Files.delete(file);
        }
        Collections.sort(perTransition);
        System.out.printf(Locale.ROOT, "median: %,.0f ns per transition over %d rounds%n",
                perTransition.get(perTransition.size() / 2), rounds);
    }

    private static List<Transition> transitions(int count) {
        SplittableRandom random = new SplittableRandom(42);
        List<Transition> transitions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String from = i % 3 == 0 ? null : STAGES.get(random.nextInt(STAGES.size()));
            transitions.add(new Transition(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()),
                    String.format(Locale.ROOT, "u%07d", i / 3), from, STAGES.get(random.nextInt(STAGES.size())),
                    Instant.ofEpochSecond(1_700_000_000L + random.nextInt(50_000_000)), "retention-repeat-purchase",
                    "2 purchases in 365 days, last 12 days ago", "e7a3d5e53d62",
                    i % 4 == 0 ? List.of("welcome-series") : List.of(), Transition.Policy.ALLOWED));
        }
        return transitions;
    }
}
