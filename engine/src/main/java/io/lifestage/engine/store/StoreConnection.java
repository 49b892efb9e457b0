package io.lifestage.engine.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One connection to the stage store's database and the few ways the store runs its statements on it, in the shape of
 * Jdbi's {@code Handle}: a query's rows mapped one at a time into a list ({@link RowMapper}) or handed to a callback as
 * they are read ({@link RowCallback}), updates with their values bound in order, and transactions. Nothing is
 * allocated per row but what the mapper or callback makes. A connection that failed as a connection does (the
 * database restarted or cannot be reached) is replaced by a new one at the next transaction or query. One thread at a
 * time.
 */
final class StoreConnection {

    /** Rows a {@link #stream} fetches from the database at a time. */
    private static final int FETCH = 10_000;

    /** Makes a value of the row a result set stands on, read by position: Jdbi's {@code RowMapper}. */
    @FunctionalInterface
    interface RowMapper<T> {

        T map(ResultSet rs) throws SQLException;
    }

    /** Takes the row a result set stands on, as it is read: Jdbi's {@code RowCallback}. */
    @FunctionalInterface
    interface RowCallback {

        void take(ResultSet rs) throws SQLException;
    }

    /** Statements that run in one transaction. */
    @FunctionalInterface
    interface Work<T> {

        T run() throws SQLException;
    }

    private final String url;
    private final String user;
    private final String password;
    private Connection connection;
    /** The connection failed as a connection: the next call opens a new one. */
    private boolean broken;

    StoreConnection(String url, String user, String password) throws SQLException {
        this.url = url;
        this.user = user;
        this.password = password;
        this.connection = connect();
    }

    private Connection connect() throws SQLException {
        Connection opened = DriverManager.getConnection(url, user, password);
        opened.setAutoCommit(false);
        return opened;
    }

    /** Replaces a connection that failed as a connection; the old one is closed quietly, it is gone anyway. */
    private void reconnectIfBroken() throws SQLException {
        if (broken) {
            try {
                connection.close();
            } catch (SQLException gone) {
                // nothing to release on a connection the database dropped
            }
            connection = connect();
            broken = false;
        }
    }

    /** Another connection to the same database, for another thread. */
    StoreConnection another() throws SQLException {
        return new StoreConnection(url, user, password);
    }

    String url() {
        return url;
    }

    /** The compaction of the database's file, when it is an embedded H2 file: see {@link FileCompaction#of}. */
    Optional<FileCompaction> fileCompaction() {
        return FileCompaction.of(url, user, password);
    }

    /**
     * Runs work in one transaction: commits it, or rolls it back and throws a {@link StoreException} with
     * {@code code}, saying what could not be done ({@code what}: "store facts", …) and where.
     */
    <T> T inTransaction(String code, String what, Work<T> work) {
        try {
            reconnectIfBroken();
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            broken = StoreException.isConnectionFailure(e);
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            if (e instanceof StoreException store) {
                throw store;
            }
            throw new StoreException(code, "cannot " + what + " in " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * The rows of a query, each made by {@code mapper}; parameters are bound in order (see {@link #bind}).
     *
     * @throws StoreException naming the store's URL when the database cannot answer
     */
    <T> List<T> list(String sql, List<?> parameters, RowMapper<T> mapper) {
        List<T> rows = new ArrayList<>();
        forEach(sql, parameters, rs -> rows.add(mapper.map(rs)));
        return rows;
    }

    /**
     * Hands each row of a query to {@code callback} as it is read; parameters are bound in order (see {@link #bind}).
     *
     * @throws StoreException naming the store's URL when the database cannot answer
     */
    void forEach(String sql, List<?> parameters, RowCallback callback) {
        try {
            reconnectIfBroken();
            each(sql, callback, parameters.toArray());
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    /**
     * The rows of a query in the transaction under way, each made by {@code mapper}, failing as the transaction's
     * work does.
     */
    <T> List<T> select(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        List<T> rows = new ArrayList<>();
        each(sql, rs -> rows.add(mapper.map(rs)), parameters);
        return rows;
    }

    private void each(String sql, RowCallback callback, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    callback.take(rs);
                }
            }
        }
    }

    /**
     * Hands each row of a query without parameters to {@code callback} as it is read, {@value #FETCH} rows at a time
     * from the database, so that a large result is never held in memory (PostgreSQL streams with a fetch size inside
     * a transaction; H2 buffers a whole result, on disk once large, before the first row unless it executes lazily),
     * then ends the read's transaction.
     *
     * @throws StoreException naming the store's URL when the database cannot answer
     */
    void stream(String sql, RowCallback callback) {
        try {
            reconnectIfBroken();
            try (Statement statement = connection.createStatement()) {
                boolean h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
                if (h2) {
                    statement.execute("SET LAZY_QUERY_EXECUTION TRUE");
                }
                try {
                    statement.setFetchSize(FETCH);
                    try (ResultSet rs = statement.executeQuery(sql)) {
                        while (rs.next()) {
                            callback.take(rs);
                        }
                    }
                } finally {
                    if (h2) {
                        statement.execute("SET LAZY_QUERY_EXECUTION FALSE");
                    }
                }
            }
        } catch (SQLException e) {
            throw readFailure(e);
        } finally {
            endRead();
        }
    }

    /**
     * Ends a read's transaction, releasing what the database holds for it. It commits, which ends a transaction that
     * wrote nothing as a rollback would, because H2 handles a rollback as the end of a transaction with changes: it
     * writes the store's pending pages then (with {@code WRITE_DELAY=0}, those of every other connection's commits)
     * and drops the session's parsed statements, so that each read on a busy server paid for a store write and
     * parsed its SQL again.
     */
    void endRead() {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    private StoreException readFailure(SQLException e) {
        broken = StoreException.isConnectionFailure(e);
        return new StoreException("LS-STORE-0002", "cannot read the stage store " + url + ": " + e.getMessage(), e);
    }

    /** Runs an update in the transaction under way; parameters are bound in order (see {@link #bind}). */
    int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    /** A statement to bind and run in the transaction under way, batched or not; the caller closes it. */
    PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    /** Commits the transaction under way and runs a statement that ends the connection's use, such as a shutdown. */
    void commitAndExecute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            connection.commit();
            statement.execute(sql);
        }
    }

    /** Whether the connection failed as a connection, so that the next transaction or query replaces it. */
    boolean broken() {
        return broken;
    }

    /** Whether the connection can still be used for a last rollback: neither closed nor failed. */
    boolean usable() throws SQLException {
        return !broken && !connection.isClosed();
    }

    void rollback() throws SQLException {
        connection.rollback();
    }

    /** Closes the connection, if it is not closed yet. */
    void close() throws SQLException {
        if (!connection.isClosed()) {
            connection.close();
        }
    }

    /** Binds values in order: null, Long, Integer and Double as such, anything else as its text. */
    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else if (value instanceof Double number) {
                statement.setDouble(i + 1, number);
            } else if (value instanceof Boolean flag) {
                statement.setBoolean(i + 1, flag);
            } else {
                statement.setString(i + 1, value.toString());
            }
        }
    }

    /** {@code (?,?,…)} with {@code count} placeholders. */
    static String placeholders(int count) {
        return "(" + "?,".repeat(count - 1) + "?)";
    }
}
