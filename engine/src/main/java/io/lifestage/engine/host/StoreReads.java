package io.lifestage.engine.host;

import io.lifestage.api.CustomerStage;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.Function;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Reads of the stage store on connections of their own, so that they wait neither for writes nor for each other:
 * a few connections, each used by one read at a time.
 */
final class StoreReads implements AutoCloseable {

    private static final String COLUMNS = "SELECT customer_id, stage, stage_since, rule_name, reason,"
            + " rule_base_version, evaluated_as_of FROM ls_customer";

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

    List<CustomerStage> stage(String customerId) {
        return withStore(store -> customers(store, COLUMNS + " WHERE customer_id = ? AND stage IS NOT NULL",
                customerId));
    }

    List<CustomerStage> inStage(String stage, String after, int limit) {
        return withStore(store -> customers(store, COLUMNS + " WHERE stage = ? AND customer_id > ? ORDER BY"
                + " customer_id FETCH FIRST " + limit + " ROWS ONLY", stage, after == null ? "" : after));
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
            throw new StoreException("LS-STORE-0002 interrupted while waiting to read the stage store", e);
        }
        try {
            return read.apply(store);
        } finally {
            idle.add(store);
        }
    }

    private static List<CustomerStage> customers(StageStore store, String sql, String... parameters) {
        return store.query(sql, List.of(parameters), rs -> new CustomerStage(rs.getString(1), rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                Instant.ofEpochMilli(rs.getLong(7))));
    }

    @Override
    public void close() {
        all.forEach(StageStore::close);
    }
}
