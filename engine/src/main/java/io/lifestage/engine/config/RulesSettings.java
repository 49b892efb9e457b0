package io.lifestage.engine.config;

import io.smallrye.config.ConfigMapping;

/** Where the rule pack is: {@code lifestage.rules.*}. */
@ConfigMapping(prefix = "lifestage.rules")
public interface RulesSettings {

    /** The directory holding the rule pack's DRL files and {@code stages.csv}. */
    String dir();
}
