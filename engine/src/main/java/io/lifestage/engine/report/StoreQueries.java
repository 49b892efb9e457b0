package io.lifestage.engine.report;

import io.lifestage.engine.store.StageStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

    /** A row of a query, read by position. */
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> List<T> list(String sql, List<?> parameters, Row<T> row) {
        try (PreparedStatement statement = store.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof Long number) {
                    statement.setLong(i + 1, number);
                } else if (value instanceof Integer number) {
                    statement.setInt(i + 1, number);
                } else {
                    statement.setString(i + 1, (String) value);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new ReportException("LS-REPORT-0003 cannot read the stage store " + store.url() + ": "
                    + e.getMessage());
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
