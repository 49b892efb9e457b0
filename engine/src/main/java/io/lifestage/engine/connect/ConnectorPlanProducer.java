package io.lifestage.engine.connect;

import io.lifestage.api.LifecycleEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;

/**
 * Loads the installed connector types once per container (the class path and {@code lifestage.plugins.dir}) and
 * checks the connector configuration against them, so that a bad plugin or setting fails the start.
 */
@ApplicationScoped
public class ConnectorPlanProducer {

    @Produces
    @Singleton
    Connectors connectors(Config config) {
        return Connectors.load(ConnectorPlanProducer.class.getClassLoader(),
                config.getOptionalValue(Connectors.PLUGINS_DIR, String.class).map(Path::of).orElse(null));
    }

    void close(@Disposes Connectors connectors) {
        connectors.close();
    }

    @Produces
    @Singleton
    ConnectorPlan plan(Config config, Connectors connectors, LifecycleEngine engine) {
        return ConnectorPlan.from(config, connectors, engine::stageModel);
    }
}
