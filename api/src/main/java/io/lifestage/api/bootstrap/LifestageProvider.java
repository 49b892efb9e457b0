package io.lifestage.api.bootstrap;

import io.lifestage.api.Lifestage;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts Lifestage for {@link Lifestage#builder()}, which finds the engine's implementation through
 * {@code META-INF/services/io.lifestage.api.bootstrap.LifestageProvider}. Hosts and connector authors do not use it.
 */
public interface LifestageProvider {

    /**
     * Starts a stateful Lifestage with these settings over its configuration and, when not null, this properties
     * file.
     *
     * @throws RuntimeException naming the problem when the configuration, rule pack or store is unusable
     */
    Lifestage start(Map<String, String> settings, Path configFile);

    /**
     * Starts a stateless engine, for classification and explanation only: no store is opened.
     *
     * @throws RuntimeException naming the problem when the configuration or rule pack is unusable
     */
    Lifestage.StandaloneEngine startEngine(Map<String, String> settings, Path configFile);
}
