package io.lifestage.engine.cli;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.classify.RuleBase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lifestage validate}: compiles the rule pack and reports every problem; exit 0 only when it is valid.
 * Warnings (legal but probably not meant) are printed and do not fail the validation.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compiles the rule pack and lists every problem with file and line.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    RulesOption rulesOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (LifestageContainer container = engineOptions.start(rulesOption.rules)) {
            RuleBase ruleBase = container.ruleBase();
            ruleBase.warnings().forEach(warning -> spec.commandLine().getOut().println("warning: " + warning));
            spec.commandLine().getOut().printf("Rule pack is valid: version %s, stages %s, %d warning%s%n",
                    ruleBase.version(), String.join(" → ", ruleBase.stageModel().names()), ruleBase.warnings().size(),
                    ruleBase.warnings().size() == 1 ? "" : "s");
        }
        return ExitCodes.OK;
    }
}
