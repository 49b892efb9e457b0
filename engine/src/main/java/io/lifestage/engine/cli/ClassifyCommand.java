package io.lifestage.engine.cli;

import io.lifestage.api.ClassificationSummary;
import io.lifestage.api.Decision;
import io.lifestage.api.LifecycleEngine;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.connect.Connectors;
import io.lifestage.engine.connect.RejectsFile;
import io.lifestage.engine.connect.SettingsContext;
import io.lifestage.engine.connect.SourceFacts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lifestage classify}: events in, one decision per customer out, a summary on standard error. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classifies every customer of a Segment-style JSON lines file into a lifecycle stage.")
final class ClassifyCommand implements Callable<Integer> {

    private static final int SINK_BATCH = 1_000;

    /** Output formats of decisions. */
    enum Format { JSONL, CSV }

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "Segment-style JSON lines.")
    Path events;

    @Option(names = "--as-of", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Classify as of this instant (ISO-8601, e.g. 2026-11-01T00:00:00Z or 2026-11-01); default now.")
    Instant asOf;

    @Option(names = "--output", paramLabel = "FILE", description = "Where decisions go; default standard output.")
    Path output;

    @Option(names = "--format", paramLabel = "jsonl|csv", defaultValue = "jsonl",
            description = "Decision format: jsonl or csv (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--rejects", paramLabel = "FILE",
            description = "Dead-letter file for rejected lines; default FILE.rejects.jsonl beside the events file.")
    Path rejects;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Instant instant = asOf != null ? asOf : Instant.now();
        Path rejectsPath = rejects != null ? rejects : Path.of(events + ".rejects.jsonl");
        Connectors connectors = Connectors.installed(getClass().getClassLoader());
        ConnectorProvider files = connectors.provider("file");
        try (LifestageContainer container = engineOptions.start();
             RejectsFile rejected = new RejectsFile(rejectsPath);
             Source source = files.newSource();
             Sink sink = files.newSink()) {
            LifecycleEngine engine = container.engine();
            source.start(new SettingsContext(events.toString(),
                    Map.of("path", events.toString(), "format", "jsonl"), rejected));
            String destination = output == null ? "-" : output.toString();
            sink.start(new SettingsContext(destination,
                    Map.of("path", destination, "format", format.name().toLowerCase()), rejected));
            List<Decision> pending = new ArrayList<>(SINK_BATCH);
            ClassificationSummary summary = engine.classify(new SourceFacts(source), instant, decision -> {
                pending.add(decision);
                if (pending.size() == SINK_BATCH) {
                    sink.write(pending);
                    pending.clear();
                }
            });
            sink.write(pending);
            sink.flush();
            new SummaryReport(spec.commandLine().getErr())
                    .print(summary, instant, engine.ruleBaseVersion(), rejected.count(), rejectsPath);
        }
        return ExitCodes.OK;
    }
}
