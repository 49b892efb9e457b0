package io.lifestage.engine.config;

import io.lifestage.api.LifestageException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Builds the engine's MicroProfile configuration. Sources, from strongest to weakest: explicit overrides (command
 * line options), system properties, environment variables, an optional properties file ({@code --config}), the
 * {@code META-INF/microprofile-config.properties} defaults, and last the rule pack a launcher names with the system
 * property {@value #DEFAULT_RULES_DIR} (the {@code ./lifestage} script names the repository's {@code rules/pack}), so
 * that {@code lifestage.rules.dir} set anywhere wins over it. Every key is listed in {@code docs/configuration.md}.
 */
public final class LifestageConfig {

    /** The name of the source of explicit overrides. */
    static final String OVERRIDES_SOURCE = "overrides";
    private static final int OVERRIDES_ORDINAL = 500;
    private static final int FILE_ORDINAL = 250;
    /** The system property naming the rule pack used when {@code lifestage.rules.dir} is set nowhere. */
    public static final String DEFAULT_RULES_DIR = "lifestage.rules.default-dir";
    private static final String LAUNCHER_SOURCE = "the launcher's default (" + DEFAULT_RULES_DIR + ")";
    private static final int LAUNCHER_ORDINAL = 50;
    /** How SmallRye names a properties source: this, the name it was given, and {@code ]}. */
    private static final String PROPERTIES_SOURCE = "PropertiesConfigSource[source=";

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
                .withMapping(ReportSettings.class)
                .withMapping(StoreSettings.class)
                .withMapping(RetrySettings.class)
                .withMapping(ActionSettings.class)
                .withMapping(HostSettings.class)
                .withValidateUnknown(false)
                .withSources(new PropertiesConfigSource(Map.copyOf(overrides), OVERRIDES_SOURCE, OVERRIDES_ORDINAL));
        String launcherPack = System.getProperty(DEFAULT_RULES_DIR);
        if (launcherPack != null) {
            builder.withSources(new PropertiesConfigSource(Map.of(RulesSettings.DIR, launcherPack), LAUNCHER_SOURCE,
                    LAUNCHER_ORDINAL));
        }
        if (file != null) {
            try {
                builder.withSources(new PropertiesConfigSource(file.toUri().toURL(), FILE_ORDINAL));
            } catch (IOException e) {
                throw new LifestageException(LifestageException.Kind.INVALID_CONFIGURATION, "LS-CONF-0003",
                        "cannot read configuration file " + file + ": " + e, e);
            }
        }
        return builder.build();
    }

    /** A configuration mapping with only its defaults, read from no source: what a class uses when given none. */
    public static <T> T defaults(Class<T> mapping) {
        return new SmallRyeConfigBuilder().withMapping(mapping).build().getConfigMapping(mapping);
    }

    /**
     * A mapping the engine does not register, such as a server's own settings, read from the sources of
     * {@code config}.
     */
    public static <T> T mapping(Config config, Class<T> mapping) {
        List<ConfigSource> sources = new ArrayList<>();
        config.getConfigSources().forEach(sources::add);
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withSources(sources).withMapping(mapping)
                .withValidateUnknown(false).build().getConfigMapping(mapping);
    }

    /**
     * A setting's value and where it came from, for a start-up line: {@code "rules/pack (lifestage.rules.dir from
     * the --config file lifestage.properties)"}; {@code "not set"} when it is set nowhere.
     */
    public static String origin(Config config, String key) {
        ConfigValue value = config.getConfigValue(key);
        if (value.getValue() == null) {
            return key + " not set";
        }
        String source = value.getSourceName() == null ? "" : value.getSourceName();
        if (source.startsWith(PROPERTIES_SOURCE) && source.endsWith("]")) {
            source = source.substring(PROPERTIES_SOURCE.length(), source.length() - 1);
        }
        String from;
        if (source.equals(OVERRIDES_SOURCE)) {
            from = "the command line";
        } else if (source.startsWith("SysPropConfigSource")) {
            from = "a system property";
        } else if (source.startsWith("EnvConfigSource")) {
            from = "the environment (" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + ")";
        } else if (source.startsWith("file:")) {
            from = "the --config file " + source.substring("file:".length());
        } else if (source.equals(LAUNCHER_SOURCE)) {
            from = source;
        } else {
            from = "the shipped defaults";
        }
        return value.getValue() + " (" + key + " from " + from + ")";
    }
}
