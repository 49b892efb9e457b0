package io.lifestage.engine.report;

import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.StoreException;
import java.sql.SQLException;
import java.util.List;

/**
 * The SQL behind the reports, written once for H2 and PostgreSQL: every query aggregates in the database, so a
 * report reads a few rows per stage whatever the number of customers.
 */
final class StoreQueries {

    /** Moves that changed a customer's stage: all but the refused ones. */
    static final String APPLIED = "policy <> 'REFUSED'";

    /**
     * Each customer's stage at an instant (parameter 1, epoch milliseconds): the last applied move at or before it,
     * ordered as {@link StageStore#history} orders them. Columns customer_id, stage, entered.
     */
    static final String STAGE_AT = "SELECT customer_id, to_stage AS stage, occurred_at AS entered FROM ("
            + "SELECT customer_id, to_stage, occurred_at, ROW_NUMBER() OVER (PARTITION BY customer_id"
            + " ORDER BY occurred_at DESC, transition_id DESC) AS newest"
            + " FROM ls_transition WHERE " + APPLIED + " AND occurred_at <= ?) moves WHERE newest = 1";

    private final StageStore store;

    StoreQueries(StageStore store) {
        this.store = store;
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
