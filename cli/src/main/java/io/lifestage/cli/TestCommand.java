package io.lifestage.cli;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.scenario.ScenarioFiles;
import io.lifestage.engine.scenario.ScenarioRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code lifestage test}: runs the rule pack's scenario files and prints a pass/fail table. */
@Command(name = "test",
        description = "Runs the scenario files (*.test.yaml) beside the rules; exit 0 only when every scenario passes.")
final class TestCommand extends EngineCommand {

    @Override
    public Integer call() {
        PrintWriter out = out();
        try (LifestageContainer container = engineOptions.start()) {
            Path directory = container.rulesDirectory();
            printWarnings(container.ruleBase());
            ScenarioFiles files = ScenarioFiles.in(directory);
            ScenarioRunner runner = container.scenarioRunner();
            int passed = 0;
            int failed = files.problems().size();
            files.problems().forEach(problem -> out.println("ERROR " + problem));
            for (var scenario : files.scenarios()) {
                ScenarioRunner.Outcome outcome = runner.run(scenario);
                out.printf(Locale.ROOT, "%s  %-32s %s%n", outcome.passed() ? "PASS" : "FAIL", scenario.location(),
                        scenario.name());
                if (outcome.passed()) {
                    passed++;
                } else {
                    failed++;
                    out.println("      " + outcome.failure());
                }
            }
            if (passed + failed == 0) {
                out.println("No scenario files (*" + ScenarioFiles.SUFFIX + ") in " + directory);
                return ExitCodes.FAILURE;
            }
            out.printf(Locale.ROOT, "%d passed, %d failed%n", passed, failed);
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
