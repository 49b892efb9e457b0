package io.lifestage.engine.classify;

import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.RulesSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the configured rule pack once per container, failing the start with every problem of the pack, and
 * watches it for changes when {@code lifestage.rules.watch} is on.
 */
@ApplicationScoped
public class RuleBaseProducer {

    private static final Logger log = LoggerFactory.getLogger(RuleBaseProducer.class);

    @Produces
    @Singleton
    LiveRuleBase ruleBase(RulesSettings rules, ConfiguredThresholds thresholds, Config config) {
        log.info("Rule pack {}", LifestageConfig.origin(config, RulesSettings.DIR));
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
