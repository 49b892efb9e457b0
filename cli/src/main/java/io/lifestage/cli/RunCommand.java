package io.lifestage.cli;

import io.lifestage.api.spi.Sink;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.ActionSettings;
import io.lifestage.engine.connect.ConfiguredConnector;
import io.lifestage.engine.connect.ConnectorPlan;
import io.lifestage.engine.connect.RejectsFile;
import io.lifestage.engine.run.StageRun;
import io.lifestage.engine.store.StageStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lifestage run}: the configured pipeline. Reads every source ({@code lifestage.sources}) from its committed
 * position into the stage store, evaluates the customers who are due, and hands transitions and changed decisions
 * to every sink ({@code lifestage.sinks}); once, or every interval with {@code --follow}.
 */
@Command(name = "run",
        description = "Runs the configured pipeline: sources into the stage store, due customers through the rules,"
                + " transitions and changed stages out to the sinks.")
final class RunCommand extends EngineCommand {

    @Option(names = "--as-of", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Evaluate as of this instant (default: now). Runs must go forward in time; replaying"
                    + " month ends in order back-fills history.")
    Instant asOf;

    @Option(names = "--follow", description = "Keep running: read new facts and evaluate as of now every interval,"
            + " until stopped (Ctrl-C or SIGTERM finish the current cycle first).")
    boolean follow;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "PT30S",
            converter = DurationConverter.class,
            description = "Pause between cycles with --follow, e.g. 30s, 5m (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--quiet", description = "No progress line on standard error (there is none when it is not a"
            + " terminal).")
    boolean quiet;

    private StageRun.Progress progress;

    @Option(names = "--rejects", paramLabel = "FILE", defaultValue = "lifestage-data/rejects.jsonl",
            description = "Where records the sources reject go, one JSON object each (default ${DEFAULT-VALUE}).")
    Path rejects;

    @Override
    public Integer call() {
        if (follow && asOf != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--follow evaluates as of now at every cycle: it cannot be combined with --as-of");
        }
        PrintWriter out = out();
        progress = ProgressLine.onStandardError(quiet);
        try (LifestageContainer container = engineOptions.start();
             StageStore store = container.openStore();
             RejectsFile rejected = new RejectsFile(rejects)) {
            out.println("Rule pack " + container.rulesOrigin());
            ConnectorPlan plan = container.connectors();
            if (plan.sources().isEmpty() && plan.sinks().isEmpty()) {
                err().println("warning: no sources or sinks are configured"
                        + " (lifestage.sources, lifestage.sinks): only customers already due are evaluated");
            }
            List<StageRun.SinkUse> sinks = new ArrayList<>();
            try {
                for (ConfiguredConnector sink : plan.sinks()) {
                    sinks.add(new StageRun.SinkUse(sink.name(), sink.openSink(rejected)));
                }
                StageRun run = container.stageRun(store, Clock.systemUTC()).alone();
                run.observe(progress);
                CountDownLatch stop = new CountDownLatch(1);
                CountDownLatch stopped = new CountDownLatch(1);
                if (follow) {
                    stopOnShutdown(stop, stopped);
                }
                try {
                    do {
                        cycle(run, plan, sinks, rejected, store, out);
                    } while (follow && !stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
                } finally {
                    stopped.countDown();
                }
                long compacting = System.nanoTime();
                if (!follow && store.closeCompacted()) {
                    out.printf(Locale.ROOT, "  store compacted in %.1f s%n", (System.nanoTime() - compacting) / 1e9);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sinks.forEach(use -> close(use.sink()));
            }
        }
        return ExitCodes.OK;
    }

    private void cycle(StageRun run, ConnectorPlan plan, List<StageRun.SinkUse> sinks, RejectsFile rejected,
                       StageStore store, PrintWriter out) {
        long factsRead = 0;
        long factsStored = 0;
        long rejectsBefore = rejected.count();
        Map<StageRun.Phase, Duration> before = run.phaseTimes();
        List<String> perSource = new ArrayList<>();
        for (ConfiguredConnector source : plan.sources()) {
            AtomicLong sourceRejects = new AtomicLong();
            StageRun.IngestSummary one = run.ingest(List.of(new StageRun.SourceUse(source.name(),
                    resume -> source.openSource(resume.orElse(null), rejection -> {
                        sourceRejects.incrementAndGet();
                        rejected.accept(rejection);
                    }))));
            factsRead += one.factsRead();
            factsStored += one.factsStored();
            perSource.add(String.format("    %-16s %,10d read %,10d new %,8d rejected", source.name(),
                    one.factsRead(), one.factsStored(), sourceRejects.get()));
        }
        long rejectCount = rejected.count() - rejectsBefore;
        Map<String, Long> sinkRejectsBefore = sinks.stream()
                .collect(Collectors.toMap(StageRun.SinkUse::name, use -> rejected.count(use.name())));
        StageRun.EvaluationSummary summary = run.evaluate(asOf != null ? asOf : Instant.now(), sinks,
                new StageRun.IngestSummary(factsRead, factsStored, rejectCount));
        if (progress instanceof ProgressLine line) {
            line.close();
        }
        out.printf("Run %d as of %s, store %s%n", summary.runId(), summary.asOf(), store.url());
        out.printf("  sources: %,d facts read, %,d new, %,d rejected%s%n", factsRead, factsStored, rejectCount,
                rejectCount > 0 ? " (see " + rejected.path() + ")" : "");
        perSource.forEach(out::println);
        out.printf("  evaluated %,d customers: %,d changed stage, %,d transitions and %,d actions to %d sink(s)%n",
                summary.evaluated(), summary.changed(), summary.transitions(), summary.actions(), sinks.size());
        for (StageRun.SinkUse sink : sinks) {
            long sinkRejects = rejected.count(sink.name()) - sinkRejectsBefore.get(sink.name());
            out.printf("    %-16s %,8d rejected%s%n", sink.name(), sinkRejects,
                    sinkRejects > 0 ? " (see " + rejected.path() + ")" : "");
        }
        if (summary.heldOutActions() > 0) {
            out.printf("  held out: %,d action(s), for customers in the action's control group%n",
                    summary.heldOutActions());
        }
        if (summary.expiredActions() > 0) {
            out.printf("  not handed out: %,d action(s) due longer ago than %s%n", summary.expiredActions(),
                    ActionSettings.MAX_AGE);
        }
        out.println("  customers per stage: " + store.stageCounts().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        out.println("  seconds per phase: " + run.phaseTimes().entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + String.format(Locale.ROOT, "%.1f",
                        (e.getValue().toNanos() - before.get(e.getKey()).toNanos()) / 1e9))
                .collect(Collectors.joining(", ")));
        out.flush();
    }

    /** When the JVM is asked to stop, releases {@code stop} and waits (a minute at most) for the cycle to end. */
    private static void stopOnShutdown(CountDownLatch stop, CountDownLatch stopped) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lifestage-stop"));
    }

    private static void close(Sink sink) {
        try {
            sink.close();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(RunCommand.class).warn("A sink failed to close: {}", e.getMessage());
        }
    }

    /** Reads {@code 30s}, {@code 5m} or ISO-8601 durations. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return io.lifestage.api.spi.Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
