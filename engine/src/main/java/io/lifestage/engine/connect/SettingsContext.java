package io.lifestage.engine.connect;

import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.Rejection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A connector context backed by a map of settings, with rejects handed to the given consumer. */
public final class SettingsContext implements ConnectorContext {

    private final String name;
    private final Map<String, String> settings;
    private final Consumer<Rejection> rejects;

    /** A context for the named connector. */
    public SettingsContext(String name, Map<String, String> settings, Consumer<Rejection> rejects) {
        this.name = name;
        this.settings = Map.copyOf(settings);
        this.rejects = rejects;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    @Override
    public Optional<String> resumePosition() {
        return Optional.empty();
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("io.lifestage.connector." + name);
    }

    @Override
    public void reject(Rejection rejection) {
        rejects.accept(rejection);
    }
}
