package io.lifestage.engine.host;

import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.store.StageStore;
import java.time.Instant;
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

    /**
     * The RFM scales of the store's buyers as of an instant, for scoring customers read from the store (see
     * {@link io.lifestage.engine.report.Reports#customerValue}). The buyers are read again when those read last are
     * older than {@code lifestage.host.rfm-refresh}, as the host's evaluations do: between two reads, a customer is
     * scored against the population of the last one. Call it outside {@link #read}, which holds a connection.
     */
    RfmScales rfmScales(Instant asOf);
}
