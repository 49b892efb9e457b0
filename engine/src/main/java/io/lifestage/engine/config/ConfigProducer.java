package io.lifestage.engine.config;

import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.config.Config;

/**
 * Makes the configuration and its typed mappings injectable. The container is given the configuration it runs
 * with when it starts, so a CLI option or a test can set keys without touching system properties.
 */
@ApplicationScoped
public class ConfigProducer {

    private SmallRyeConfig config;

    /** Sets the configuration this producer serves; called once, before any bean is resolved. */
    public void use(SmallRyeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Produces
    Config config() {
        return configOrFail();
    }

    private SmallRyeConfig configOrFail() {
        if (config == null) {
            throw new IllegalStateException("the configuration was not set before the container was used");
        }
        return config;
    }

    @Produces
    RulesSettings rules() {
        return configOrFail().getConfigMapping(RulesSettings.class);
    }

    @Produces
    MetricsSettings metrics() {
        MetricsSettings configured = configOrFail().getConfigMapping(MetricsSettings.class);
        Path pack = Path.of(rules().dir());
        List<String> packEvents = PackFile.extraEvents(pack);
        Map<String, String> packAttributes = PackFile.attributes(pack);
        return packEvents.isEmpty() && packAttributes.isEmpty() ? configured
                : new PackMetricsSettings(configured, packEvents, packAttributes);
    }

    @Produces
    ClassifySettings classify() {
        return configOrFail().getConfigMapping(ClassifySettings.class);
    }

    @Produces
    ReportSettings report() {
        return configOrFail().getConfigMapping(ReportSettings.class);
    }

    @Produces
    StoreSettings store() {
        return configOrFail().getConfigMapping(StoreSettings.class);
    }

    @Produces
    RetrySettings retry() {
        return configOrFail().getConfigMapping(RetrySettings.class);
    }

    @Produces
    ActionSettings actions() {
        return configOrFail().getConfigMapping(ActionSettings.class);
    }

    @Produces
    HostSettings host() {
        return configOrFail().getConfigMapping(HostSettings.class);
    }

    @Produces
    @Singleton
    ConfiguredThresholds thresholds() {
        return ConfiguredThresholds.from(configOrFail()).withPack(Path.of(rules().dir()));
    }
}
