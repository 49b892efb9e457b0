package io.lifestage.engine.cli;

import io.lifestage.engine.LifestageContainer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every engine command shares: where the rules and the configuration file are. */
final class EngineOptions {

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rule pack directory (default: lifestage.rules.dir, env LIFESTAGE_RULES_DIR).")
    Path rules;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with lifestage.* settings (see docs/configuration.md).")
    Path config;

    /** Starts the engine with these options over the rest of the configuration. */
    LifestageContainer start() {
        Map<String, String> overrides = new HashMap<>();
        if (rules != null) {
            overrides.put("lifestage.rules.dir", rules.toString());
        }
        return LifestageContainer.start(overrides, config);
    }
}
