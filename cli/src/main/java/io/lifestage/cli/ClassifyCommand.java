package io.lifestage.cli;

import io.lifestage.api.ClassificationSummary;
import io.lifestage.api.Decision;
import io.lifestage.api.LifecycleEngine;
import io.lifestage.api.spi.Sink;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.connect.SettingsContext;
import io.lifestage.plugin.file.FileConnectorProvider;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lifestage classify}: events in, one decision per customer out, a summary on standard error. */
@Command(name = "classify",
        description = "Classifies every customer of a Segment-style JSON lines file into a lifecycle stage.")
final class ClassifyCommand extends EngineCommand {

    private static final int SINK_BATCH = 1_000;

    /** Output formats of decisions. */
    enum Format { JSONL, CSV }

    @Mixin
    EventsInput input;

    @Option(names = "--output", paramLabel = "FILE", description = "Where decisions go; default standard output.")
    Path output;

    @Option(names = "--format", paramLabel = "jsonl|csv", defaultValue = "jsonl",
            description = "Decision format: jsonl or csv (default ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        Instant asOf = input.asOfOrNow();
        try (LifestageContainer container = engineOptions.start();
             EventsInput.Opened events = input.open();
             Sink sink = new FileConnectorProvider().sink().orElseThrow().newInstance()) {
            LifecycleEngine engine = container.engine();
            printWarnings(container.ruleBase());
            String destination = output == null ? "-" : output.toString();
            sink.start(new SettingsContext(destination,
                    Map.of("path", destination, "format", format.name().toLowerCase()), events::reject));
            List<Decision> pending = new ArrayList<>(SINK_BATCH);
            ClassificationSummary summary = engine.classify(events.facts(), asOf, decision -> {
                pending.add(decision);
                if (pending.size() == SINK_BATCH) {
                    sink.writeDecisions(pending);
                    pending.clear();
                }
            });
            sink.writeDecisions(pending);
            sink.flush();
            new SummaryReport(err()).print(summary, asOf, engine.ruleBaseVersion());
            events.printRejects(err());
        }
        return ExitCodes.OK;
    }
}
