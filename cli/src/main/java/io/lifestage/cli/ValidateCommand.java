package io.lifestage.cli;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.classify.ProbeReport;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.classify.RuleProblem;
import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.metrics.MetricsCalculator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lifestage validate}: compiles the rule pack, runs it on probe customers and reports every problem, then the
 * thresholds the rules read and where each was set (and, with {@code --probes}, what the pack decides for each probe
 * customer). Exit 0
 * when the pack is valid with no warning, 4 when it is valid with warnings (legal, but probably not meant), 3 when it
 * is invalid — or, with {@code --strict}, when it has warnings — so that CI can choose how strict to be.
 */
@Command(name = "validate",
        description = "Compiles the rule pack, runs it on probe customers and lists every problem with file and line."
                + " Exit 0: valid; 4: valid with warnings; 3: invalid.")
final class ValidateCommand extends EngineCommand {

    @Option(names = "--strict", description = "Treat warnings as errors: exit 3 when there is any.")
    boolean strict;

    @Option(names = "--probes", description = "Also print the stage, rule and reason of every probe customer.")
    boolean probes;

    @Override
    public Integer call() {
        try (LifestageContainer container = engineOptions.start()) {
            RuleBase ruleBase = container.ruleBase();
            ProbeReport report = ruleBase.probe(container.bean(MetricsCalculator.class));
            List<RuleProblem> probed = report.problems();
            List<RuleProblem> errors = probed.stream().filter(problem -> !problem.isWarning()).toList();
            List<RuleProblem> warnings = new ArrayList<>(ruleBase.warnings());
            probed.stream().filter(RuleProblem::isWarning).forEach(warnings::add);
            warnings.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
            if (!errors.isEmpty() || strict && !warnings.isEmpty()) {
                List<RuleProblem> refused = new ArrayList<>(errors);
                if (strict) {
                    refused.addAll(warnings);
                }
                PrintWriter err = err();
                String why = strict && !warnings.isEmpty() ? " (warnings count as errors with --strict)" : "";
                err.printf("error: rule pack %s has %d problem%s%s:%n", container.rulesDirectory(), refused.size(),
                        refused.size() == 1 ? "" : "s", why);
                refused.forEach(problem -> err.println("  " + problem));
                return ExitCodes.INVALID_RULES;
            }
            PrintWriter out = out();
            warnings.forEach(warning -> out.println("warning: " + warning));
            ConfiguredThresholds thresholds = ruleBase.thresholds();
            ruleBase.thresholdsRead().forEach(name -> out.printf("threshold %s = %d (%s)%n", name,
                    thresholds.get(name), thresholds.origin(name)));
            if (probes) {
                report.decisions().forEach((probe, decision) -> out.printf("probe %s: %s by %s (%s)%n", probe,
                        decision.stage(), decision.rule(), decision.reason()));
            }
            out.printf("Rule pack is valid: version %s, stages %s, %d warning%s%n", ruleBase.version(),
                    String.join(" → ", ruleBase.stageModel().names()), warnings.size(),
                    warnings.size() == 1 ? "" : "s");
            return warnings.isEmpty() ? ExitCodes.OK : ExitCodes.WARNINGS;
        }
    }
}
