package io.lifestage.engine.classify;

import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.RulesSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Compiles the configured rule pack once per container; fails the start with every problem of the pack. */
@ApplicationScoped
public class RuleBaseProducer {

    @Produces
    @Singleton
    RuleBase ruleBase(RulesSettings rules, ConfiguredThresholds thresholds) {
        return new RuleBaseCompiler(thresholds).compile(Path.of(rules.dir()));
    }
}
