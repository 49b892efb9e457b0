package io.lifestage.api.spi;

import java.util.ArrayList;
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

    /**
     * This descriptor with more keys after its own, for keys that a connector's source and sink share:
     * {@code new ConnectorDescriptor<Sink>(CONNECTION, HookSink::new).withKeys(BATCH_SIZE)}.
     */
    public ConnectorDescriptor<T> withKeys(ConfigKey... more) {
        List<ConfigKey> all = new ArrayList<>(keys);
        all.addAll(List.of(more));
        return new ConnectorDescriptor<>(all, factory);
    }

    /** A new, unstarted instance. */
    public T newInstance() {
        return factory.get();
    }
}
