package io.lifestage.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 7: facts move from a row each in {@code ls_fact} to a row per customer in {@code ls_fact_segment}
 * ({@link FactSegment}). A row per fact cost the database a key, an index entry and a page slot for each fact and
 * repeated each fact's kind, name and ids: the store was 1.6 times its input, and writing and reading it back were
 * most of a first run. Java, not SQL, because the segments are encoded here; the table is plain SQL on H2 and
 * PostgreSQL alike.
 */
final class FactSegmentsMigration extends StoreMigration {

    private static final int BATCH = 1_000;

    FactSegmentsMigration() {
        super("7", "facts in segments");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    CREATE TABLE ls_fact_segment (
                        customer_id  VARCHAR(255) NOT NULL,
                        segment_no   INTEGER      NOT NULL, -- 1, 2, ... in the order stored
                        facts        INTEGER      NOT NULL, -- how many facts the segment holds
                        body         BYTEA        NOT NULL, -- the facts, in time order (FactSegment)
                        stored_at    BIGINT       NOT NULL,
                        PRIMARY KEY (customer_id, segment_no)
                    )""");
        }
        try (Statement read = connection.createStatement();
             ResultSet rs = read.executeQuery("SELECT fact_key, customer_id, occurred_at, kind, name, anonymous_id,"
                     + " user_id, body, ingested_at FROM ls_fact ORDER BY customer_id, occurred_at, fact_key");
             PreparedStatement insert = connection.prepareStatement(FactSegment.INSERT)) {
            List<StoredFact> customer = new ArrayList<>();
            long storedAt = 0;
            int batched = 0;
            while (true) {
                boolean more = rs.next();
                if (!customer.isEmpty() && (!more || !customer.get(0).customerId().equals(rs.getString(2)))) {
                    FactSegment.bind(insert, customer.get(0).customerId(), 1, customer, storedAt);
                    insert.addBatch();
                    customer = new ArrayList<>();
                    storedAt = 0;
                    if (++batched % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                if (!more) {
                    break;
                }
                customer.add(new StoredFact(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                storedAt = Math.max(storedAt, rs.getLong(9));
            }
            insert.executeBatch();
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE ls_fact");
        }
    }
}
