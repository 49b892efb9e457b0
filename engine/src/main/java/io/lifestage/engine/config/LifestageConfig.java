package io.lifestage.engine.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the engine's MicroProfile configuration. Sources, from strongest to weakest: explicit overrides (command
 * line options), system properties, environment variables, an optional properties file ({@code --config}), and
 * the {@code META-INF/microprofile-config.properties} defaults. Every key is listed in {@code docs/configuration.md}.
 */
public final class LifestageConfig {

    /** The name of the source of explicit overrides. */
    static final String OVERRIDES_SOURCE = "overrides";
    private static final int OVERRIDES_ORDINAL = 500;
    private static final int FILE_ORDINAL = 250;

    private LifestageConfig() {
    }

    /** The configuration with the given overrides and, when not null, the given properties file. */
    public static SmallRyeConfig build(Map<String, String> overrides, Path file) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDefaultInterceptors()
                .withMapping(RulesSettings.class)
                .withMapping(MetricsSettings.class)
                .withMapping(ClassifySettings.class)
                .withMapping(StoreSettings.class)
                .withValidateUnknown(false)
                .withSources(new PropertiesConfigSource(Map.copyOf(overrides), OVERRIDES_SOURCE, OVERRIDES_ORDINAL));
        if (file != null) {
            try {
                builder.withSources(new PropertiesConfigSource(file.toUri().toURL(), FILE_ORDINAL));
            } catch (IOException e) {
                throw new UncheckedIOException("LS-CONF-0003 cannot read configuration file " + file + ": " + e, e);
            }
        }
        return builder.build();
    }
}
