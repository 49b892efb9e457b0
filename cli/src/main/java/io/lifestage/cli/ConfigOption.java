package io.lifestage.cli;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.RulesSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config FILE}: the configuration file of a command; and how to start the engine with it. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with lifestage.* settings (see docs/configuration.md).")
    Path file;

    /** What the command line sets over the configuration: these settings, and {@code rules} (when not null). */
    static Map<String, String> overrides(Path rules, Map<String, String> settings) {
        Map<String, String> overrides = new HashMap<>(settings);
        if (rules != null) {
            overrides.put(RulesSettings.DIR, rules.toString());
        }
        return overrides;
    }

    /** Starts the engine with the configuration and {@link #overrides these settings and rule pack} over it. */
    LifestageContainer start(Path rules, Map<String, String> settings) {
        return LifestageContainer.start(overrides(rules, settings), file);
    }
}
