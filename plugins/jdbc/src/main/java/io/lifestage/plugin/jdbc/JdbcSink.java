package io.lifestage.plugin.jdbc;

import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.ACTIONS_TABLE;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.CREATE_TABLES;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.DECISIONS_TABLE;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.TRANSITIONS_TABLE;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.WRITE;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Sink;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes current stages into a decisions table, one row per customer, transitions into a transitions table and, when
 * {@code actions-table} is set, actions into an actions table, one row per id, so that writing the same records again
 * stores nothing twice (see {@link Dialect}). {@code write…} only buffers ({@link SinkTable}); {@link #flush} writes
 * the buffer in one transaction and returns once it is committed, which is the sink's acknowledgement. The buffer is
 * emptied only by a commit, so a flush that the engine calls again after a failure writes everything again.
 *
 * <p>When the database refuses a row for its values (a value too long for a column of a table made by hand, a NULL
 * where the table forbids one), the flush writes the buffer again row by row in a new transaction: the refused rows
 * go to the reject channel, the others are committed.
 */
final class JdbcSink implements Sink {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private ConnectorContext context;
    private Database database;
    private Connection connection;
    private boolean started;
    /** The tables written; null for a kind this sink does not write. */
    private SinkTable<Decision> decisions;
    private SinkTable<Transition> transitions;
    private SinkTable<ActionFired> actions;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        String write = context.requiredSetting(WRITE);
        String decisionsTable = write.equals("transitions") ? null : table(DECISIONS_TABLE);
        String transitionsTable = write.equals("decisions") ? null : table(TRANSITIONS_TABLE);
        String actionsTable = context.nonBlankSetting(ACTIONS_TABLE).map(name -> table(ACTIONS_TABLE))
                .orElse(null);
        this.database = new Database(context);
        try {
            this.connection = database.connect();
        } catch (SQLException e) {
            throw database.startFailure("connecting", e);
        }
        try {
            String product = connection.getMetaData().getDatabaseProductName();
            Dialect dialect = Dialect.of(product).orElseThrow(() -> ConnectorException.fatal("the database at "
                    + database.shownUrl() + " is " + product + "; the jdbc sink writes to H2 and PostgreSQL only"));
            boolean create = context.booleanSetting(CREATE_TABLES);
            prepare(decisionsTable, Dialect.DECISION_COLUMNS, create);
            prepare(transitionsTable, Dialect.TRANSITION_COLUMNS, create);
            prepare(actionsTable, Dialect.ACTION_COLUMNS, create);
            this.decisions = decisionsTable == null ? null : SinkTable.decisions(dialect, decisionsTable);
            this.transitions = transitionsTable == null ? null : SinkTable.transitions(dialect, transitionsTable);
            this.actions = actionsTable == null ? null : SinkTable.actions(dialect, actionsTable);
        } catch (SQLException e) {
            throw database.startFailure("preparing the tables", e);
        }
        this.started = true;
    }

    private String table(ConfigKey setting) {
        String name = context.requiredSetting(setting).trim();
        if (!TABLE_NAME.matcher(name).matches()) {
            throw ConnectorException.fatal("setting '" + setting.name() + "' must be a table name such as"
                    + " lifestage_decisions or analytics.lifestage_decisions (letters, digits and _), got '" + name
                    + "'");
        }
        return name;
    }

    /** Creates the table if asked, then checks it has the columns the sink writes. */
    private void prepare(String table, List<Dialect.Column> columns, boolean create) throws SQLException {
        if (table == null) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            if (create) {
                statement.execute(Dialect.createTable(table, columns));
            }
            statement.executeQuery("SELECT " + String.join(", ", columns.stream().map(Dialect.Column::name).toList())
                    + " FROM " + table + " WHERE 1 = 0").close();
        } catch (SQLException e) {
            String problem = create ? " cannot be created or read"
                    : " cannot be read (setting '" + CREATE_TABLES.name() + "' is false)";
            throw new SQLException("table " + table + problem
                    + "; it needs the columns described in the jdbc connector's README: " + e.getMessage(),
                    e.getSQLState(), e);
        }
    }

    @Override
    public void writeDecisions(List<Decision> batch) {
        add(decisions, batch);
    }

    @Override
    public void writeTransitions(List<Transition> batch) {
        add(transitions, batch);
    }

    @Override
    public void writeActions(List<ActionFired> batch) {
        add(actions, batch);
    }

    private <T extends Record> void add(SinkTable<T> table, List<T> batch) {
        checkStarted();
        if (table != null) {
            table.add(batch);
        }
    }

    private void checkStarted() {
        if (!started) {
            throw new IllegalStateException("connector '" + (context == null ? "jdbc" : context.name())
                    + "': write before a successful start()");
        }
    }

    private List<SinkTable<?>> tables() {
        return Stream.of(decisions, transitions, actions).filter(Objects::nonNull).toList();
    }

    @Override
    public void flush() {
        checkStarted();
        if (tables().stream().allMatch(table -> table.size() == 0)) {
            return;
        }
        List<Rejection> rejects = new ArrayList<>();
        try {
            try {
                inTransaction(() -> {
                    for (SinkTable<?> table : tables()) {
                        table.writeBatch(connection);
                    }
                });
            } catch (SQLException e) {
                if (!SinkTable.refusesRow(e)) {
                    throw e;
                }
                inTransaction(() -> {
                    for (SinkTable<?> table : tables()) {
                        table.writeEach(connection, context.name(), rejects);
                    }
                });
            }
        } catch (SQLException e) {
            closeConnection();
            throw database.failure("writing " + count(decisions, "decisions") + ", "
                    + count(transitions, "transitions") + " and " + count(actions, "actions"), e);
        }
        tables().forEach(SinkTable::clear);
        rejects.forEach(context::reject);
    }

    private static String count(SinkTable<?> table, String kind) {
        return (table == null ? 0 : table.size()) + " " + kind;
    }

    /** What a transaction does; it may fail. */
    @FunctionalInterface
    private interface Work {

        void run() throws SQLException;
    }

    /** Runs the work in one transaction and commits it, or rolls it back and throws. */
    private void inTransaction(Work work) throws SQLException {
        if (connection == null) {
            connection = database.connect();
        }
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        tables().forEach(SinkTable::clear);
        closeConnection();
    }

    private void closeConnection() {
        if (connection != null) {
            database.close(connection);
            connection = null;
        }
    }
}
