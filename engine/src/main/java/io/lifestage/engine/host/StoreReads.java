package io.lifestage.engine.host;

import io.lifestage.api.CustomerStage;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads of the stage store on connections of their own, so that they wait neither for writes nor for each other:
 * a few connections, each used by one read at a time.
 */
final class StoreReads implements AutoCloseable {

    /** Connections to read on; more readers than this wait for one to be free. */
    private static final int CONNECTIONS = 4;

    private final Supplier<StageStore> opener;
    private final BlockingQueue<StageStore> idle = new ArrayBlockingQueue<>(CONNECTIONS);
    private final List<StageStore> all = new ArrayList<>();

    StoreReads(Supplier<StageStore> opener) {
        this.opener = opener;
        open();
    }

    private void open() {
        for (int i = 0; i < CONNECTIONS; i++) {
            StageStore store = opener.get();
            all.add(store);
            idle.add(store);
        }
    }

    /**
     * Runs work with every read connection closed, and opens new ones afterwards, also when the work failed. The
     * caller holds every read out meanwhile (a {@link StoreGate}).
     */
    void closedFor(Runnable work) {
        close();
        all.clear();
        idle.clear();
        try {
            work.run();
        } finally {
            open();
        }
    }

    Optional<CustomerStage> stage(String customerId) {
        return withStore(store -> store.stage(customerId));
    }

    List<CustomerStage> inStage(String stage, String after, int limit) {
        return withStore(store -> store.inStage(stage, after, limit));
    }

    List<Transition> history(String customerId) {
        return withStore(store -> store.history(customerId));
    }

    Map<String, Long> stageCounts() {
        return withStore(StageStore::stageCounts);
    }

    List<Fact> facts(String customerId) {
        return withStore(store -> {
            List<Fact> facts = new ArrayList<>();
            store.facts(List.of(customerId), facts::addAll);
            return facts;
        });
    }

    /** Runs a read of the store itself (a report) on one of the read connections. */
    <T> T withStore(Function<StageStore, T> read) {
        StageStore store;
        try {
            store = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("LS-STORE-0002", "interrupted while waiting to read the stage store", e);
        }
        try {
            return read.apply(store);
        } finally {
            idle.add(store);
        }
    }

    @Override
    public void close() {
        all.forEach(StageStore::close);
    }
}
