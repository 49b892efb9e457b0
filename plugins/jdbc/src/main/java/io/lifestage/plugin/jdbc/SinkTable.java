package io.lifestage.plugin.jdbc;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.Rejection;
import io.lifestage.segment.RecordJson;
import io.lifestage.segment.Wire;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * One kind of record the sink writes and the table it goes to: a buffer of one record per key until the flush
 * commits it, the statement that writes a record only once ({@link Dialect}), and each record as a row of values in
 * the order of the table's columns.
 *
 * @param <T> decisions, transitions or actions
 */
final class SinkTable<T extends Record> {

    private final String kind;
    private final String sql;
    private final Function<T, String> key;
    private final BinaryOperator<T> keep;
    private final Function<T, Object[]> row;
    private final Map<String, T> buffer = new LinkedHashMap<>();

    private SinkTable(String kind, String sql, Function<T, String> key, BinaryOperator<T> keep,
                      Function<T, Object[]> row) {
        this.kind = kind;
        this.sql = sql;
        this.key = key;
        this.keep = keep;
        this.row = row;
    }

    /** Current stages, one row per customer: of two decisions of a customer the later as-of is kept. */
    static SinkTable<Decision> decisions(Dialect dialect, String table) {
        return new SinkTable<>("decision", dialect.upsertDecision(table), Decision::customerId,
                (kept, added) -> added.asOf().isBefore(kept.asOf()) ? kept : added,
                d -> new Object[] {d.customerId(), d.stage(), d.rule(), d.reason(), d.asOf(), d.ruleBaseVersion()});
    }

    /** Transitions, one row per transition id, the first written kept. */
    static SinkTable<Transition> transitions(Dialect dialect, String table) {
        return new SinkTable<>("transition", dialect.insertIfAbsent(table, Dialect.TRANSITION_COLUMNS),
                Transition::id, (kept, added) -> kept,
                t -> new Object[] {t.id(), t.customerId(), t.from(), t.to(), t.at(), t.rule(), t.reason(),
                        t.ruleBaseVersion(), Wire.list(t.actions()), Wire.name(t.policy())});
    }

    /** Actions, one row per action id, the first written kept; the payload as JSON text. */
    static SinkTable<ActionFired> actions(Dialect dialect, String table) {
        return new SinkTable<>("action", dialect.insertIfAbsent(table, Dialect.ACTION_COLUMNS), ActionFired::id,
                (kept, added) -> kept,
                a -> new Object[] {a.id(), a.customerId(), a.action(), a.channel(), a.at(), a.cause(),
                        RecordJson.json(a.payload())});
    }

    /** Buffers records until the next successful flush. */
    void add(List<T> records) {
        records.forEach(record -> buffer.merge(key.apply(record), record, keep));
    }

    int size() {
        return buffer.size();
    }

    /** Empties the buffer: its records are committed. */
    void clear() {
        buffer.clear();
    }

    /** Writes the buffer as one JDBC batch in the connection's transaction. */
    void writeBatch(Connection connection) throws SQLException {
        if (buffer.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T record : buffer.values()) {
                bind(statement, row.apply(record));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Writes the buffer one row at a time, each behind a savepoint, in the connection's transaction: a row the
     * database refuses ({@link #refusesRow}) is rolled back alone and added to {@code rejects}, and the others are
     * written. Any other failure is thrown.
     */
    void writeEach(Connection connection, String connector, List<Rejection> rejects) throws SQLException {
        if (buffer.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T record : buffer.values()) {
                bind(statement, row.apply(record));
                Savepoint before = connection.setSavepoint();
                try {
                    statement.executeUpdate();
                    connection.releaseSavepoint(before);
                } catch (SQLException e) {
                    if (!refusesRow(e)) {
                        throw e;
                    }
                    connection.rollback(before);
                    rejects.add(new Rejection(connector, kind + " " + key.apply(record),
                            "the database refused the row: " + e.getMessage() + " (SQL state " + e.getSQLState()
                                    + ")", new String(RecordJson.write(record), StandardCharsets.UTF_8)));
                }
            }
        }
    }

    /**
     * Whether the failure (or a failure it chains, as a batch's does) is about the values of a row rather than the
     * database or the table: a data exception (SQL state class 22: a value too long, out of range) or an integrity
     * constraint violated (class 23: a NULL in a NOT NULL column, a check of a table made by hand).
     */
    static boolean refusesRow(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            String state = cause.getSQLState() == null ? "" : cause.getSQLState();
            if (state.startsWith("22") || state.startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** Binds one row's values in column order, instants as UTC timestamps. */
    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i] instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
                    : values[i];
            statement.setObject(i + 1, value);
        }
    }
}
