package io.lifestage.cli;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.diff.MoveMatrix;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lifestage diff}: what a rule change would do to the stages of real customers, before it goes live. */
@Command(name = "diff",
        description = "Classifies the same customers with two rule packs and shows how many would move between stages.")
final class DiffCommand extends Subcommand {

    @Mixin
    ConfigOption config;

    @Option(names = "--baseline", paramLabel = "DIR",
            description = "The rule pack in use; default the configured one (--rules, lifestage.rules.dir).")
    Path baseline;

    @Option(names = "--rules", paramLabel = "DIR", required = true, description = "The changed rule pack.")
    Path candidate;

    @Mixin
    EventsInput input;

    @Option(names = "--rename", paramLabel = "OLD=NEW",
            description = "A stage the changed pack renamed (repeatable): its customers count as staying, not moving.")
    Map<String, String> renames = new LinkedHashMap<>();

    @Option(names = "--examples", paramLabel = "N", defaultValue = "3",
            description = "Example customers shown per changed cell (default ${DEFAULT-VALUE}).")
    int examples;

    @Override
    public Integer call() {
        Instant asOf = input.asOfOrNow();
        try (LifestageContainer container = config.start(baseline, Map.of());
             EventsInput.Opened events = input.open()) {
            RuleBase current = container.ruleBase();
            RuleBase changed = container.compile(candidate);
            MoveMatrix moves = container.packDiff().compare(current, changed, renames, events.facts(), asOf,
                    examples);
            DiffReport report = new DiffReport(out());
            report.printThresholdChanges(current.thresholds(), changed.thresholds());
            report.print(moves, current.version(), changed.version(), asOf);
            events.printRejects(err());
        }
        return ExitCodes.OK;
    }
}
