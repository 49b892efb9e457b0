package io.lifestage.api.spi;

import io.lifestage.api.Lifestage;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a {@link Lifestage}; the engine module provides one through {@code META-INF/services}, which
 * {@link Lifestage#builder()} finds. Hosts do not call it.
 */
public interface LifestageProvider {

    /**
     * Starts an engine with these settings over its configuration and, when not null, this properties file.
     *
     * @throws RuntimeException naming the problem when the configuration, rule pack or store is unusable
     */
    Lifestage start(Map<String, String> settings, Path configFile);
}
