package io.lifestage.server;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Makes the server's settings injectable, read and checked once per container. */
@Singleton
public class ServerProducer {

    @Produces
    @Singleton
    ServerSettings settings(Config config) {
        return ServerSettings.from(config);
    }
}
