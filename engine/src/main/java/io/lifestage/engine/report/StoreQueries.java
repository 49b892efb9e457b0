package io.lifestage.engine.report;

import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store reads behind the reports, written once for H2 and PostgreSQL: aggregating queries that return a few rows
 * per stage, and a streamed read for the one pass over the transitions.
 */
final class StoreQueries {

    /** Moves that changed a customer's stage: all but the refused ones. */
    static final String APPLIED = "policy <> 'REFUSED'";

    private static final int FETCH = 10_000;

    private final StageStore store;

    StoreQueries(StageStore store) {
        this.store = store;
    }

    /**
     * Hands each row of a query without parameters to {@code row} as it is read, {@value #FETCH} rows at a time from
     * the database, so that a large result is never held in memory: PostgreSQL streams with a fetch size inside a
     * transaction; H2 buffers a whole result (on disk once large) before the first row unless it executes lazily.
     */
    void forEach(String sql, RowReader row) {
        try (Statement statement = store.connection().createStatement()) {
            boolean h2 = "H2".equals(store.connection().getMetaData().getDatabaseProductName());
            if (h2) {
                statement.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
            try {
                statement.setFetchSize(FETCH);
                try (ResultSet rs = statement.executeQuery(sql)) {
                    while (rs.next()) {
                        row.read(rs);
                    }
                }
            } finally {
                if (h2) {
                    statement.execute("SET LAZY_QUERY_EXECUTION FALSE");
                }
            }
        } catch (SQLException e) {
            throw new ReportException("LS-REPORT-0003 cannot read the stage store " + store.url() + ": "
                    + e.getMessage());
        } finally {
            endReadTransaction();
        }
    }

    /** Reads the row a result set stands on. */
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    <T> List<T> list(String sql, List<?> parameters, StageStore.Row<T> row) {
        try {
            return store.query(sql, parameters, row);
        } catch (StoreException e) {
            throw new ReportException("LS-REPORT-0003 cannot read the stage store " + store.url() + ": "
                    + e.getCause().getMessage());
        } finally {
            endReadTransaction();
        }
    }

    /** Reports only read; ending the transaction releases what the database holds for it. */
    private void endReadTransaction() {
        try {
            store.connection().rollback();
        } catch (SQLException e) {
            throw new ReportException("LS-REPORT-0003 cannot end a read of the stage store " + store.url() + ": "
                    + e.getMessage());
        }
    }
}
