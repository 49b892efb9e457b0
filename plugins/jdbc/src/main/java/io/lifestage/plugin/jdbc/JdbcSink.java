package io.lifestage.plugin.jdbc;

import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import io.lifestage.segment.Wire;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes current stages into a decisions table, one row per customer, and transitions into a transitions table, one
 * row per transition id, so that writing the same decisions and transitions again stores nothing twice (see
 * {@link Dialect}). {@code write…} only buffers, keeping one decision per customer and one transition per id;
 * {@link #flush} writes the buffer in one transaction and returns once it is committed, which is the sink's
 * acknowledgement. The buffer is emptied only by a commit, so a flush that the engine calls again after a failure
 * writes everything again.
 */
final class JdbcSink implements Sink {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final Map<String, Decision> decisions = new LinkedHashMap<>();
    private final Map<String, Transition> transitions = new LinkedHashMap<>();
    private ConnectorContext context;
    private Database database;
    private Connection connection;
    private Dialect dialect;
    private String decisionsTable;
    private String transitionsTable;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        String write = context.requiredSetting("write");
        String decisionsTable = write.equals("transitions") ? null : table("decisions-table");
        String transitionsTable = write.equals("decisions") ? null : table("transitions-table");
        this.database = new Database(context);
        try {
            this.connection = database.connect();
        } catch (SQLException e) {
            throw database.startFailure("connecting", e);
        }
        Dialect dialect;
        try {
            String product = connection.getMetaData().getDatabaseProductName();
            dialect = Dialect.of(product).orElseThrow(() -> ConnectorException.fatal("the database at "
                    + database.shownUrl() + " is " + product + "; the jdbc sink writes to H2 and PostgreSQL only"));
            boolean create = context.booleanSetting("create-tables");
            prepare(decisionsTable, Dialect.DECISION_COLUMNS, create);
            prepare(transitionsTable, Dialect.TRANSITION_COLUMNS, create);
        } catch (SQLException e) {
            throw database.startFailure("preparing the tables", e);
        }
        this.decisionsTable = decisionsTable;
        this.transitionsTable = transitionsTable;
        this.dialect = dialect;
    }

    private String table(String setting) {
        String name = context.requiredSetting(setting).trim();
        if (!TABLE_NAME.matcher(name).matches()) {
            throw ConnectorException.fatal("setting '" + setting + "' must be a table name such as lifestage_decisions"
                    + " or analytics.lifestage_decisions (letters, digits and _), got '" + name + "'");
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
                    : " cannot be read (setting 'create-tables' is false)";
            throw new SQLException("table " + table + problem
                    + "; it needs the columns described in the jdbc connector's README: " + e.getMessage(),
                    e.getSQLState(), e);
        }
    }

    @Override
    public void writeDecisions(List<Decision> batch) {
        checkStarted();
        if (decisionsTable != null) {
            batch.forEach(decision -> decisions.merge(decision.customerId(), decision,
                    (kept, added) -> added.asOf().isBefore(kept.asOf()) ? kept : added));
        }
    }

    @Override
    public void writeTransitions(List<Transition> batch) {
        checkStarted();
        if (transitionsTable != null) {
            batch.forEach(transition -> transitions.putIfAbsent(transition.id(), transition));
        }
    }

    private void checkStarted() {
        if (dialect == null) {
            throw new IllegalStateException("connector '" + (context == null ? "jdbc" : context.name())
                    + "': write before a successful start()");
        }
    }

    @Override
    public void flush() {
        checkStarted();
        if (decisions.isEmpty() && transitions.isEmpty()) {
            return;
        }
        try {
            if (connection == null) {
                connection = database.connect();
            }
            connection.setAutoCommit(false);
            try {
                writeAll();
                connection.commit();
            } catch (SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            closeConnection();
            throw database.failure("writing " + decisions.size() + " decisions and " + transitions.size()
                    + " transitions", e);
        }
        decisions.clear();
        transitions.clear();
    }

    private void writeAll() throws SQLException {
        if (!decisions.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement(dialect.upsertDecision(decisionsTable))) {
                for (Decision d : decisions.values()) {
                    bind(upsert, d.customerId(), d.stage(), d.rule(), d.reason(), d.asOf(), d.ruleBaseVersion());
                }
                upsert.executeBatch();
            }
        }
        if (!transitions.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(dialect.insertTransition(transitionsTable))) {
                for (Transition t : transitions.values()) {
                    bind(insert, t.id(), t.customerId(), t.from(), t.to(), t.at(), t.rule(), t.reason(),
                            t.ruleBaseVersion(), Wire.list(t.actions()), Wire.name(t.policy()));
                }
                insert.executeBatch();
            }
        }
    }

    /** Binds one row's values in column order, instants as UTC timestamps, and adds it to the batch. */
    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i] instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
                    : values[i];
            statement.setObject(i + 1, value);
        }
        statement.addBatch();
    }

    @Override
    public void close() {
        decisions.clear();
        transitions.clear();
        closeConnection();
    }

    private void closeConnection() {
        if (connection != null) {
            database.close(connection);
            connection = null;
        }
    }
}
