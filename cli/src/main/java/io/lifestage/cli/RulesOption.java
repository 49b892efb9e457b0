package io.lifestage.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --rules DIR}: the rule pack to run, over the configured one. */
final class RulesOption {

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rule pack directory (default: lifestage.rules.dir, env LIFESTAGE_RULES_DIR).")
    Path rules;
}
