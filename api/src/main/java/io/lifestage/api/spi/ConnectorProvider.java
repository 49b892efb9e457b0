package io.lifestage.api.spi;

import java.util.Optional;

/**
 * Entry point of a connector plugin, found through {@code META-INF/services/io.lifestage.api.spi.ConnectorProvider}
 * on the class path or in a jar of the plugins directory. It names its type (the value of
 * {@code lifestage.source.<name>.type} or {@code lifestage.sink.<name>.type} that selects it) and describes what it
 * offers: a source, a sink or both, each {@link ConnectorDescriptor described} by the settings it takes and how to
 * make a new instance per configured use.
 *
 * <pre>{@code
 * public Optional<ConnectorDescriptor<Source>> source() {
 *     return Optional.of(new ConnectorDescriptor<>(List.of(DIRECTORY, BATCH_SIZE), SpoolSource::new));
 * }
 * }</pre>
 *
 * <p>A provider must have a public no-argument constructor and be cheap to create: the engine creates one per
 * installed plugin at start, whether or not the configuration uses it. A provider that only reads leaves
 * {@link #sink()} empty, and one that only writes leaves {@link #source()} empty.
 */
public interface ConnectorProvider {

    /** The connector type, for example {@code jdbc}: lower case, unique among installed plugins. */
    String type();

    /** The source of this type, if it reads facts. */
    default Optional<ConnectorDescriptor<Source>> source() {
        return Optional.empty();
    }

    /** The sink of this type, if it writes decisions or transitions. */
    default Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.empty();
    }
}
