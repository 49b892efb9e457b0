package io.lifestage.engine.classify;

import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.RulesSettings;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the configured rule pack, compiled once per container, failing the start with every problem of the pack,
 * and watches it for changes when {@code lifestage.rules.watch} is on. The pack compiles on a thread of its own
 * ({@link #compileAhead}) while the container starts on another: a command spends about as long compiling the pack
 * as starting everything else.
 */
@ApplicationScoped
public class RuleBaseProducer {

    private static final Logger log = LoggerFactory.getLogger(RuleBaseProducer.class);

    private CompletableFuture<LiveRuleBase> compiling;

    /**
     * Starts compiling the pack this configuration names, with the thresholds it sets (the compiler lays the pack's
     * own on them), on a thread of its own; the outcome, or the failure of an invalid pack or setting, is the
     * future's.
     */
    public static CompletableFuture<LiveRuleBase> compileAhead(SmallRyeConfig config) {
        log.info("Rule pack {}", LifestageConfig.origin(config, RulesSettings.DIR));
        CompletableFuture<LiveRuleBase> compiled = new CompletableFuture<>();
        Thread compiler = new Thread(() -> {
            try {
                Path directory = Path.of(config.getConfigMapping(RulesSettings.class).dir());
                compiled.complete(new LiveRuleBase(directory, new RuleBaseCompiler(ConfiguredThresholds.from(config))));
            } catch (RuntimeException | Error e) {
                compiled.completeExceptionally(e);
            }
        }, "lifestage-compile");
        compiler.setDaemon(true);
        compiler.start();
        return compiled;
    }

    /** Serves the rule base of this compilation; called once, before any bean is resolved. */
    public void use(CompletableFuture<LiveRuleBase> compilation) {
        this.compiling = compilation;
    }

    @Produces
    @Singleton
    LiveRuleBase ruleBase(RulesSettings rules) {
        if (compiling == null) {
            throw new IllegalStateException("the rule pack was not compiled before the container was used");
        }
        LiveRuleBase live;
        try {
            live = compiling.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause(); // the compilation completes with nothing else
        }
        if (rules.watch()) {
            live.watch();
        }
        return live;
    }

    void stopWatching(@Disposes LiveRuleBase live) {
        live.close();
    }
}
