package io.lifestage.cli;

import io.lifestage.api.ClassificationSummary;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.classify.LiveRuleBase;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lifestage watch}: keeps an engine running on the rules directory and classifies the events again each time
 * the rules change, without a restart, so an analyst sees the effect of an edit at once.
 */
@Command(name = "watch",
        description = "Classifies the events, then again after every change to the rule files (Ctrl-C to stop).")
final class WatchCommand extends EngineCommand {

    @Mixin
    EventsInput input;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "0",
            description = "Stop after N classifications (default 0: run until stopped).")
    int runs;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = out();
        Instant asOf = input.asOfOrNow();
        Map<String, String> watch = Map.of("lifestage.rules.watch", "true");
        try (LifestageContainer container = engineOptions.start(watch)) {
            LiveRuleBase rules = container.liveRuleBase();
            long attempts = 0;
            for (int run = 1; runs == 0 || run <= runs; run++) {
                try (EventsInput.Opened events = input.open()) {
                    ClassificationSummary summary = container.engine().classify(events.facts(), asOf, d -> { });
                    new SummaryReport(out).print(summary, asOf, rules.current().version());
                }
                if (runs != 0 && run == runs) {
                    break;
                }
                out.println("Watching " + container.rulesDirectory() + " for changes...");
                out.flush();
                do {
                    attempts = rules.awaitReload(attempts, Duration.ofDays(365));
                    rules.lastFailure().ifPresent(failure -> {
                        out.println("Change refused; version " + rules.current().version() + " keeps serving:");
                        failure.problems().forEach(problem -> out.println("  " + problem));
                        out.flush();
                    });
                } while (rules.lastFailure().isPresent());
            }
        }
        return ExitCodes.OK;
    }
}
