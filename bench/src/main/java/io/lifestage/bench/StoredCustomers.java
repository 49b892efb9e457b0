package io.lifestage.bench;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Fact;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.api.rules.EventHistory;
import io.lifestage.engine.store.Evaluation;
import io.lifestage.engine.store.StageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generated customers written to a stage store through the store, as earlier runs would have left them: a profile
 * each, as of their evaluation, which gives them their row, then their evaluation (stage, transitions, purchases, RFM
 * scores and value tier), {@value #CHUNK} customers a transaction of each. Close it to store the last of them.
 */
final class StoredCustomers implements AutoCloseable {

    private static final int CHUNK = 5_000;
    private static final String SOURCE = "bench";

    private final StageStore store;
    private final long runId;
    private final List<Evaluation> chunk = new ArrayList<>();

    /** Customers whose transitions are stored as found by the run {@code runId}. */
    StoredCustomers(StageStore store, long runId) {
        this.store = store;
        this.runId = runId;
    }

    /** Adds a customer, stored with the {@value #CHUNK} that follow them or when this is closed. */
    void add(Evaluation evaluation) {
        chunk.add(evaluation);
        if (chunk.size() == CHUNK) {
            store();
        }
    }

    private void store() {
        List<Fact> profiles = chunk.stream().<Fact>map(evaluation -> new CustomerProfile(evaluation.customerId(),
                Map.of(), evaluation.asOf())).toList();
        store.ingest(SOURCE, profiles, chunk.get(chunk.size() - 1).customerId(), Instant.EPOCH);
        store.save(chunk, runId);
        chunk.clear();
    }

    /**
     * The metrics an evaluation as of {@code asOf} stores: activity, purchases and revenue, the last purchase (null for
     * none), RFM scores (0 for a customer who never bought) and value tier.
     */
    static CustomerMetrics metrics(String customerId, Instant asOf, Instant lastSeen, int purchases, double revenue,
                                   Instant lastPurchase, int recency, int frequency, int monetary, String valueTier) {
        return new CustomerMetrics(customerId, asOf, lastSeen, lastSeen, days(lastSeen, asOf), purchases, 0, revenue,
                CustomerMetrics.NEVER, days(lastPurchase, asOf), false, false, -1, recency, frequency, monetary,
                valueTier, 0, EventHistory.NONE);
    }

    /** Whole days from {@code since} to {@code asOf}, or {@link CustomerMetrics#NEVER} without {@code since}. */
    private static int days(Instant since, Instant asOf) {
        return since == null ? CustomerMetrics.NEVER : (int) Duration.between(since, asOf).toDays();
    }

    @Override
    public void close() {
        if (!chunk.isEmpty()) {
            store();
        }
    }
}
