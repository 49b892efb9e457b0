package io.lifestage.engine.host;

import io.lifestage.api.LifecycleEngine;
import io.lifestage.api.Lifestage;
import io.lifestage.engine.classify.LiveRuleBase;
import io.lifestage.engine.config.ActionSettings;
import io.lifestage.engine.config.HostSettings;
import io.lifestage.engine.config.StoreSettings;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.run.StageRun;
import io.lifestage.engine.store.StageStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the container's {@link Lifestage}: add this class to {@link io.lifestage.engine.LifestageContainer#start}
 * and inject {@code Lifestage}, or take it with {@code container.bean(Lifestage.class)}. One per container, closed
 * with it.
 */
@ApplicationScoped
public class HostProducer {

    private static final Logger log = LoggerFactory.getLogger(HostProducer.class);

    @Produces
    @Singleton
    Lifestage lifestage(LifecycleEngine engine, LiveRuleBase rules, MetricsCalculator metrics, StoreSettings store,
                        ActionSettings actions, HostSettings settings) {
        Supplier<StageStore> opener = () -> StageStore.open(store);
        Duration actionsMaxAge = actions.maxAgeDuration();
        Duration rfmRefresh = settings.rfmRefreshDuration();
        String salt = settings.erasureSalt().orElseGet(() -> {
            log.warn("{} is not set: erasure records use a random salt, so they cannot be matched to an id later",
                    HostSettings.ERASURE_SALT);
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            return HexFormat.of().formatHex(random);
        });
        StoreWriter writer = new StoreWriter(opener, (s, clock, save) -> new StageRun(s, rules::current, metrics, clock,
                save, rfmRefresh).handingOutActionsWithin(actionsMaxAge), new Subscribers(),
                Clock.systemUTC(), salt, settings.suppressErased());
        StoreReads reads = new StoreReads(opener);
        return new HostedLifestage(engine, rules, writer, reads, writer.subscribers(), settings,
                reads.withStore(StageStore::fileCompaction).orElse(null));
    }

    /** The reads of the store for reports, on the host's connections. */
    @Produces
    @Singleton
    StoreReader reader(Lifestage lifestage) {
        return (HostedLifestage) lifestage;
    }

    void close(@Disposes Lifestage lifestage) {
        lifestage.close();
    }
}
