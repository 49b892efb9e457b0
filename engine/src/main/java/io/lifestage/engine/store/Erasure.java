package io.lifestage.engine.store;

import io.lifestage.api.Lifestage;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The erasure of a customer, in the transaction of the store that runs it: their facts (also those of the anonymous
 * ids linked to them, wherever an identify call moved them), identity links, current row and transitions, with the
 * stage counts kept right, and a record of the erasure that keeps a digest of the id, never the id.
 */
final class Erasure {

    private Erasure() {
    }

    /**
     * Erases a customer; records the erasure only when the store knew them.
     *
     * @param subjectHash the digest of the id the erasure record keeps
     * @param erasedAt    epoch milliseconds
     */
    static Lifestage.Erasure erase(StoreConnection db, String customerId, String subjectHash, long erasedAt,
                                   Consumer<List<String>> erasedIds) throws SQLException {
        List<String> ids = new ArrayList<>(List.of(customerId));
        ids.addAll(db.select("SELECT anonymous_id FROM ls_identity WHERE user_id = ?", rs -> rs.getString(1),
                customerId));
        String in = StoreConnection.placeholders(ids.size());
        Object[] values = ids.toArray();
        long facts = deleteFacts(db, ids, erasedAt);
        long transitions = db.update("DELETE FROM ls_transition WHERE customer_id IN " + in, values);
        db.update("DELETE FROM ls_action WHERE customer_id IN " + in, values);
        Map<String, Long> uncounted = new HashMap<>();
        db.select("SELECT stage FROM ls_customer WHERE stage IS NOT NULL AND customer_id IN " + in,
                rs -> rs.getString(1), values).forEach(stage -> uncounted.merge(stage, -1L, Long::sum));
        StageStore.countStages(db, uncounted);
        long rows = db.update("DELETE FROM ls_customer WHERE customer_id IN " + in, values)
                + db.update("DELETE FROM ls_identity WHERE user_id = ? OR anonymous_id = ?", customerId, customerId);
        boolean found = facts + transitions + rows > 0;
        if (found) {
            erasedIds.accept(List.copyOf(ids));
            db.update("INSERT INTO ls_erasure (erased_at, subject_hash, facts_deleted, transitions_deleted)"
                    + " VALUES (?, ?, ?, ?)", erasedAt, subjectHash, facts, transitions);
        }
        return new Lifestage.Erasure(found, facts, transitions);
    }

    /**
     * Deletes every stored fact of these ids: the facts stored under them, and those an identify call moved from one
     * of them (as an anonymous id) to a user, whose other facts stay.
     *
     * @return how many facts were deleted
     */
    private static long deleteFacts(StoreConnection db, List<String> ids, long now) throws SQLException {
        String in = StoreConnection.placeholders(ids.size());
        Object[] values = ids.toArray();
        long deleted = db.select("SELECT COALESCE(SUM(facts), 0) FROM ls_fact_segment WHERE customer_id IN " + in,
                rs -> rs.getLong(1), values).get(0);
        db.update("DELETE FROM ls_fact_segment WHERE customer_id IN " + in, values);
        for (String user : db.select("SELECT DISTINCT user_id FROM ls_identity WHERE anonymous_id IN " + in,
                rs -> rs.getString(1), values)) {
            deleted += dropFactsOf(db, user, Set.copyOf(ids), now);
        }
        return deleted;
    }

    /** Stores a user's facts again as one segment, without those whose anonymous or user id is one of {@code ids}. */
    private static long dropFactsOf(StoreConnection db, String user, Set<String> ids, long now) throws SQLException {
        List<StoredFact> kept = new ArrayList<>();
        long dropped = 0;
        for (byte[] segment : db.select("SELECT body FROM ls_fact_segment WHERE customer_id = ?",
                rs -> rs.getBytes(1), user)) {
            for (StoredFact fact : FactSegment.decode(user, segment)) {
                if (ids.contains(fact.anonymousId()) || ids.contains(fact.userId())) {
                    dropped++;
                } else {
                    kept.add(fact);
                }
            }
        }
        if (dropped == 0) {
            return 0;
        }
        kept.sort(StoredFact.TIME_ORDER);
        db.update("DELETE FROM ls_fact_segment WHERE customer_id = ?", user);
        if (!kept.isEmpty()) {
            try (PreparedStatement insert = db.prepare(FactSegment.INSERT)) {
                FactSegment.bind(insert, user, 1, kept, now);
                insert.executeUpdate();
            }
        }
        return dropped;
    }
}
