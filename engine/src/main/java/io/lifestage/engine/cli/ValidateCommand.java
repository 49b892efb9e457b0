package io.lifestage.engine.cli;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.classify.RuleProblem;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lifestage validate}: compiles the rule pack and reports every problem. Exit 0 when the pack is valid with no
 * warning, 4 when it is valid with warnings (legal, but probably not meant), 3 when it is invalid — or, with
 * {@code --strict}, when it has warnings — so that CI can choose how strict to be.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compiles the rule pack and lists every problem with file and line. Exit 0: valid; 4: valid"
                + " with warnings; 3: invalid.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    RulesOption rulesOption;

    @Option(names = "--strict", description = "Treat warnings as errors: exit 3 when there is any.")
    boolean strict;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (LifestageContainer container = engineOptions.start(rulesOption.rules)) {
            RuleBase ruleBase = container.ruleBase();
            List<RuleProblem> warnings = ruleBase.warnings();
            if (strict && !warnings.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("error: rule pack %s has %d warning%s, refused by --strict:%n", container.rulesDirectory(),
                        warnings.size(), warnings.size() == 1 ? "" : "s");
                warnings.forEach(warning -> err.println("  " + warning));
                return ExitCodes.INVALID_RULES;
            }
            PrintWriter out = spec.commandLine().getOut();
            warnings.forEach(warning -> out.println("warning: " + warning));
            out.printf("Rule pack is valid: version %s, stages %s, %d warning%s%n", ruleBase.version(),
                    String.join(" → ", ruleBase.stageModel().names()), warnings.size(),
                    warnings.size() == 1 ? "" : "s");
            return warnings.isEmpty() ? ExitCodes.OK : ExitCodes.WARNINGS;
        }
    }
}
