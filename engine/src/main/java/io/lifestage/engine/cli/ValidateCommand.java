package io.lifestage.engine.cli;

import io.lifestage.api.LifecycleEngine;
import io.lifestage.engine.LifestageContainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lifestage validate}: compiles the rule pack and reports every problem; exit 0 only when it is valid. */
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
            LifecycleEngine engine = container.engine();
            spec.commandLine().getOut().printf("Rule pack is valid: version %s, stages %s%n",
                    engine.ruleBaseVersion(), String.join(" → ", engine.stageModel().names()));
        }
        return ExitCodes.OK;
    }
}
