package io.lifestage.engine.host;

import io.lifestage.engine.store.StageStore;
import java.util.function.Function;

/**
 * Reads of the host's stage store for readers that need the store itself, such as reports. They run on one of the
 * host's read connections, so they wait for the store's maintenance (a compaction after an erasure) as the host's own
 * reads do; a reader that opened a connection of its own would hold the store's file open under that maintenance.
 * Injectable in a container made with {@link HostProducer}.
 */
public interface StoreReader {

    /**
     * Runs a read on a connection of the host; the store must not be closed, nor written.
     *
     * @throws io.lifestage.engine.store.StoreException {@link io.lifestage.engine.store.StoreException#unavailable()}
     *                                                  when the store is being compacted for longer than a call waits
     */
    <T> T read(Function<StageStore, T> read);
}
