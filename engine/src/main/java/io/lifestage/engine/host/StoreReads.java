package io.lifestage.engine.host;

import io.lifestage.api.CustomerStage;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads of the stage store on a connection of their own, so that they do not wait for an evaluation to finish. One
 * read at a time on that connection.
 */
final class StoreReads implements AutoCloseable {

    private static final String COLUMNS = "SELECT customer_id, stage, stage_since, rule_name, reason,"
            + " rule_base_version, evaluated_as_of FROM ls_customer";

    private final StageStore store;

    StoreReads(StageStore store) {
        this.store = store;
    }

    synchronized List<CustomerStage> stage(String customerId) {
        return customers(COLUMNS + " WHERE customer_id = ? AND stage IS NOT NULL", customerId);
    }

    synchronized List<CustomerStage> inStage(String stage, String after, int limit) {
        return customers(COLUMNS + " WHERE stage = ? AND customer_id > ? ORDER BY customer_id FETCH FIRST "
                + limit + " ROWS ONLY", stage, after == null ? "" : after);
    }

    synchronized List<Transition> history(String customerId) {
        return store.history(customerId);
    }

    synchronized Map<String, Long> stageCounts() {
        return store.stageCounts();
    }

    synchronized List<Fact> facts(String customerId) {
        List<Fact> facts = new ArrayList<>();
        store.facts(List.of(customerId), facts::addAll);
        return facts;
    }

    private List<CustomerStage> customers(String sql, String... parameters) {
        try (PreparedStatement statement = store.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<CustomerStage> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new CustomerStage(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getString(4), rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("LS-STORE-0002 cannot read the stage store " + store.url() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
