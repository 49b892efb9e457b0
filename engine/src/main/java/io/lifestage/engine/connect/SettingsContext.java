package io.lifestage.engine.connect;

import io.lifestage.api.StageModel;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.Rejection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A connector context backed by a map of settings, with rejects handed to the given consumer and the connector's
 * log under {@code io.lifestage.connector.<name>}.
 *
 * @param name           the connector's configured name
 * @param settings       its settings, as they are to be read
 * @param resumePosition for a source, where the last committed run left off
 * @param rejects        where rejected records go, under {@code name}
 * @param stageModel     for a sink, the stages of the rule pack in service
 */
public record SettingsContext(String name, Map<String, String> settings, Optional<String> resumePosition,
                              Consumer<Rejection> rejects, Optional<StageModel> stageModel)
        implements ConnectorContext {

    public SettingsContext {
        settings = Map.copyOf(settings);
    }

    /** A context for the named connector, starting from the beginning of its input. */
    public SettingsContext(String name, Map<String, String> settings, Consumer<Rejection> rejects) {
        this(name, settings, null, rejects);
    }

    /** A context for the named connector, resuming after {@code resumePosition} unless it is null. */
    public SettingsContext(String name, Map<String, String> settings, String resumePosition,
                           Consumer<Rejection> rejects) {
        this(name, settings, Optional.ofNullable(resumePosition), rejects, Optional.empty());
    }

    @Override
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("io.lifestage.connector." + name);
    }

    /**
     * Hands the rejection on under the connector's configured name, so that every reject says which source or sink
     * of the configuration it came from; an input the connector named instead (a file, a table) goes in front of
     * the position.
     */
    @Override
    public void reject(Rejection rejection) {
        rejects.accept(rejection.source().equals(name) ? rejection : new Rejection(name,
                rejection.source() + " " + rejection.position(), rejection.reason(), rejection.record()));
    }

    @Override
    public String toString() {
        return "connector '" + name + "'";
    }
}
