package io.lifestage.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a connector type offers in one role, {@link Source} or {@link Sink}: the settings it takes there, and how to
 * make a new instance.
 *
 * @param keys    the settings of this role, each declared once; the engine refuses any other key
 * @param factory makes a new, unstarted instance; called once per configured use, never shared between uses
 * @param <T>     {@link Source} or {@link Sink}
 */
public record ConnectorDescriptor<T extends AutoCloseable>(List<ConfigKey> keys, Supplier<? extends T> factory) {

    public ConnectorDescriptor {
        keys = List.copyOf(keys);
        Objects.requireNonNull(factory, "factory");
    }

    /** A new, unstarted instance. */
    public T newInstance() {
        return factory.get();
    }
}
