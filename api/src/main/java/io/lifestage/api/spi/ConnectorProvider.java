package io.lifestage.api.spi;

import java.util.List;

/**
 * Entry point of a connector plugin, found through {@code META-INF/services/io.lifestage.api.spi.ConnectorProvider}
 * on the class path or in a jar of the plugins directory. It names its type (the value of
 * {@code lifestage.source.<name>.type} or {@code lifestage.sink.<name>.type} that selects it), declares the settings
 * its source and sink take, and makes a new source or sink per configured use.
 *
 * <p>A provider must have a public no-argument constructor and be cheap to create: the engine creates one per
 * installed plugin at start, whether or not the configuration uses it. A provider that only reads returns
 * {@code false} from {@link #hasSink()}, and one that only writes {@code false} from {@link #hasSource()}.
 */
public interface ConnectorProvider {

    /** The connector type, for example {@code jdbc}: lower case, unique among installed plugins. */
    String type();

    /** Whether this plugin can read facts. */
    default boolean hasSource() {
        return false;
    }

    /** Whether this plugin can write decisions or transitions. */
    default boolean hasSink() {
        return false;
    }

    /** The settings a source of this type takes; the engine refuses any other key. */
    default List<ConfigKey> sourceKeys() {
        return List.of();
    }

    /** The settings a sink of this type takes; the engine refuses any other key. */
    default List<ConfigKey> sinkKeys() {
        return List.of();
    }

    /** A new, unstarted source of this type. */
    default Source newSource() {
        throw new UnsupportedOperationException("connector type '" + type() + "' has no source");
    }

    /** A new, unstarted sink of this type. */
    default Sink newSink() {
        throw new UnsupportedOperationException("connector type '" + type() + "' has no sink");
    }
}
