package io.lifestage.plugin.jdbc;

import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.BATCH_SIZE;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.CURSOR_COLUMN;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.KEY_COLUMN;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.QUERY;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.TABLE;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads events or customer profiles from a table or a query, in order of a cursor column (and a key column for
 * rows with equal cursor values), {@code batch-size} rows per query. Each poll asks for the rows after the last one
 * read, so rows added later, with a higher cursor, come back on a later poll: a following run sees them, a batch run
 * ends at the first empty answer. A row that cannot be a fact is rejected with its position and reason, and reading
 * goes on; a batch whose rows were all rejected does not end the run.
 *
 * <p>The position moves only when a whole batch was read, so a poll that failed and is called again reads the same
 * rows again. {@link #position()} is the cursor position of the last row read (see {@link Cursor}).
 */
final class JdbcSource implements Source {

    private ConnectorContext context;
    private Database database;
    private Connection connection;
    private String input;
    private String from;
    private Cursor cursor;
    private RowMapping mapping;
    private int batchSize;
    private List<Object> last;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.database = new Database(context);
        this.batchSize = context.integerSetting(BATCH_SIZE);
        Optional<String> table = context.nonBlankSetting(TABLE);
        Optional<String> query = context.nonBlankSetting(QUERY).map(JdbcSource::withoutSemicolon);
        if (table.isPresent() == query.isPresent()) {
            throw ConnectorException.fatal("set exactly one of the settings '" + TABLE.name() + "' and '" + QUERY.name()
                    + "'");
        }
        this.input = table.map(name -> "table " + name).orElse("the query of setting '" + QUERY.name() + "'");
        this.from = "(" + query.orElseGet(() -> "SELECT * FROM " + table.orElseThrow()) + ") src";
        try {
            this.connection = database.connect();
        } catch (SQLException e) {
            throw database.startFailure("connecting", e);
        }
        Columns columns = columns();
        Optional<String> key = context.nonBlankSetting(KEY_COLUMN);
        this.cursor = Cursor.of(columns.find(CURSOR_COLUMN, context.requiredSetting(CURSOR_COLUMN)),
                key.map(name -> columns.find(KEY_COLUMN, name)).orElse(null));
        this.mapping = RowMapping.of(context, columns, cursor.columns());
        this.last = context.resumePosition().filter(position -> !position.isEmpty()).map(cursor::parse).orElse(null);
    }

    private Columns columns() {
        try (PreparedStatement probe = connection.prepareStatement("SELECT * FROM " + from + " WHERE 1 = 0");
             ResultSet empty = probe.executeQuery()) {
            return new Columns(input, empty.getMetaData(),
                    connection.getMetaData().storesUpperCaseIdentifiers());
        } catch (SQLException e) {
            throw database.startFailure("reading " + input, e);
        }
    }

    @Override
    public List<Fact> poll() {
        if (cursor == null) {
            throw new IllegalStateException("connector '" + (context == null ? "jdbc" : context.name())
                    + "': poll() before a successful start()");
        }
        List<Fact> facts = new ArrayList<>();
        while (true) {
            int rows = readBatch(facts);
            if (!facts.isEmpty() || rows < batchSize) {
                return facts;
            }
        }
    }

    /** Reads the rows after the last one, adds their facts, and returns how many rows there were. */
    private int readBatch(List<Fact> facts) {
        String sql = "SELECT * FROM " + from + " WHERE " + cursor.condition(last) + " ORDER BY " + cursor.order()
                + " LIMIT " + batchSize;
        List<Fact> read = new ArrayList<>();
        List<Rejection> rejects = new ArrayList<>();
        List<Object> reached = last;
        int rows = 0;
        try {
            if (connection == null) {
                connection = database.connect();
            }
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setFetchSize(batchSize);
                cursor.bind(select, last);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows++;
                        reached = cursor.read(row);
                        RowMapping.Row mapped = mapping.read(row);
                        if (mapped.fact() != null) {
                            read.add(mapped.fact());
                        } else {
                            rejects.add(new Rejection(input, cursor.format(reached), mapped.rejection(),
                                    mapping.describe(row)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            closeConnection();
            throw database.failure("reading " + input, e);
        }
        last = reached;
        facts.addAll(read);
        rejects.forEach(context::reject);
        return rows;
    }

    @Override
    public String position() {
        return cursor == null ? "" : cursor.format(last);
    }

    @Override
    public void close() {
        closeConnection();
    }

    private void closeConnection() {
        if (connection != null) {
            database.close(connection);
            connection = null;
        }
    }

    private static String withoutSemicolon(String query) {
        String trimmed = query.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }
}
