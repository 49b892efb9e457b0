package io.lifestage.cli;

import io.lifestage.engine.LifestageContainer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The option every engine command shares: the configuration file; and how to start the engine. */
final class EngineOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with lifestage.* settings (see docs/configuration.md).")
    Path config;

    /** Starts the engine with the configuration, using {@code rules} (when not null) as the rule pack. */
    LifestageContainer start(Path rules) {
        return start(rules, Map.of());
    }

    /** Starts the engine as {@link #start(Path)} does, with these settings over the configuration. */
    LifestageContainer start(Path rules, Map<String, String> settings) {
        Map<String, String> overrides = new HashMap<>(settings);
        if (rules != null) {
            overrides.put("lifestage.rules.dir", rules.toString());
        }
        return LifestageContainer.start(overrides, config);
    }
}
