package io.lifestage.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the rule pack is: {@code lifestage.rules.*}. */
@ConfigMapping(prefix = "lifestage.rules")
public interface RulesSettings {

    /** The key of {@link #dir()}. */
    String DIR = "lifestage.rules.dir";

    /** The directory holding the rule pack's DRL files and {@code stages.csv}. */
    String dir();

    /** Whether to watch the directory and reload the pack when its files change (long-lived processes). */
    @WithDefault("false")
    boolean watch();
}
