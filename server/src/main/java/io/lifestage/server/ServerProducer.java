package io.lifestage.server;

import io.lifestage.engine.config.LifestageConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Makes the server's settings injectable, read and checked once per container. */
@Singleton
public class ServerProducer {

    @Produces
    @Singleton
    ServerSetup setup(Config config) {
        return ServerSetup.of(LifestageConfig.mapping(config, ServerSettings.class), config);
    }
}
