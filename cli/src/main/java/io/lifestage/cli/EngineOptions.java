package io.lifestage.cli;

import io.lifestage.engine.LifestageContainer;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --rules DIR}: the configuration and the rule pack a command runs with. */
final class EngineOptions {

    @Mixin
    ConfigOption config;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rule pack directory (default: lifestage.rules.dir, env LIFESTAGE_RULES_DIR).")
    Path rules;

    /** Starts the engine with the configuration and, when given, the rule pack over the configured one. */
    LifestageContainer start() {
        return start(Map.of());
    }

    /** Starts the engine as {@link #start()} does, with these settings over the configuration. */
    LifestageContainer start(Map<String, String> settings) {
        return config.start(rules, settings);
    }

    /** What the command line sets over the configuration file: these settings, and the rule pack when given. */
    Map<String, String> overrides(Map<String, String> settings) {
        return ConfigOption.overrides(rules, settings);
    }
}
