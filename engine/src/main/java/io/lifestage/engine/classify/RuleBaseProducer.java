package io.lifestage.engine.classify;

import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.RulesSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Compiles the configured rule pack once per container, failing the start with every problem of the pack, and
 * watches it for changes when {@code lifestage.rules.watch} is on.
 */
@ApplicationScoped
public class RuleBaseProducer {

    @Produces
    @Singleton
    LiveRuleBase ruleBase(RulesSettings rules, ConfiguredThresholds thresholds) {
        LiveRuleBase live = new LiveRuleBase(Path.of(rules.dir()), new RuleBaseCompiler(thresholds));
        if (rules.watch()) {
            live.watch();
        }
        return live;
    }

    void stopWatching(@Disposes LiveRuleBase live) {
        live.close();
    }
}
