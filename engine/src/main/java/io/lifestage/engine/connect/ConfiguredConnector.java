package io.lifestage.engine.connect;

import io.lifestage.api.StageModel;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One connector the configuration enables, checked against its provider's declared keys: its name, role, installed
 * type and effective settings (declared defaults applied). Opening it makes and starts a new source or sink with the
 * plugin's class loader as the thread's context class loader. {@link #toString()} never shows secret values.
 */
public final class ConfiguredConnector {

    static final String HIDDEN = "****";

    private final String name;
    private final ConnectorRole role;
    private final InstalledConnector installed;
    private final Map<String, String> settings;
    private final Set<String> secretKeys;
    private final Supplier<StageModel> stages;

    /** A connector whose sink, if it is one, sees the stage model {@code stages} gives when it starts (null: none). */
    ConfiguredConnector(String name, ConnectorRole role, InstalledConnector installed, Map<String, String> settings,
                        Supplier<StageModel> stages) {
        this.name = name;
        this.stages = stages;
        this.role = role;
        this.installed = installed;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.secretKeys = installed.keys(role).stream().filter(ConfigKey::secret).map(ConfigKey::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The name configuration gives it: {@code crm} in {@code lifestage.sources=crm}. */
    public String name() {
        return name;
    }

    /** Whether it reads or writes. */
    public ConnectorRole role() {
        return role;
    }

    /** The plugin that makes it. */
    public InstalledConnector installed() {
        return installed;
    }

    /** Every setting with a value, configured or declared default, by key; includes secret values. */
    public Map<String, String> settings() {
        return settings;
    }

    /** The settings as they may be logged or shown: values of secret keys are {@value #HIDDEN}. */
    public Map<String, String> shownSettings() {
        Map<String, String> shown = new LinkedHashMap<>(settings);
        shown.replaceAll((key, value) -> secretKeys.contains(key) ? HIDDEN : value);
        return shown;
    }

    /**
     * A new source of this connector, started.
     *
     * @param resumePosition the position the last committed run reported, or null on a first run
     * @param rejects        where records the source cannot use go
     * @throws IllegalStateException when this connector is a sink
     */
    public Source openSource(String resumePosition, Consumer<Rejection> rejects) {
        requireRole(ConnectorRole.SOURCE);
        SettingsContext context = new SettingsContext(name, settings, resumePosition, rejects);
        return installed.call(() -> started(installed.newSource(), source -> source.start(context)));
    }

    /**
     * A new sink of this connector, started, with the stage model of the rule pack in service on its context.
     *
     * @param rejects where results the sink cannot write go
     * @throws IllegalStateException when this connector is a source
     */
    public Sink openSink(Consumer<Rejection> rejects) {
        requireRole(ConnectorRole.SINK);
        SettingsContext context = new SettingsContext(name, settings, Optional.empty(), rejects,
                Optional.ofNullable(stages.get()));
        return installed.call(() -> started(installed.newSink(), sink -> sink.start(context)));
    }

    /** {@code source 'crm' (jdbc from /opt/lifestage/plugins/jdbc.jar) {url=…, token=****}}. */
    @Override
    public String toString() {
        return role.word() + " '" + name + "' (" + installed.type() + " from " + installed.origin() + ") "
                + shownSettings();
    }

    private void requireRole(ConnectorRole expected) {
        if (role != expected) {
            throw new IllegalStateException(this + " is not a " + expected.word());
        }
    }

    private static <T extends AutoCloseable> T started(T connector, Consumer<T> start) {
        try {
            start.accept(connector);
            return connector;
        } catch (RuntimeException | Error e) {
            try {
                connector.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
