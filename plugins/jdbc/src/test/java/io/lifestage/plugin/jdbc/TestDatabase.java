package io.lifestage.plugin.jdbc;

import io.lifestage.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An empty database for one test, reached with plain JDBC as a user's other programs would: an H2 file database in
 * the test's directory, or the public schema of a real PostgreSQL server, emptied first.
 *
 * @param url the JDBC URL, with the user where the server needs one
 */
record TestDatabase(String url) {

    /** An H2 database in a file under {@code dir}, created on first connection. */
    static TestDatabase h2(Path dir) {
        return new TestDatabase("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
    }

    /** The test class's PostgreSQL database, with an empty public schema. */
    static TestDatabase postgres(PostgresServer server) {
        server.emptyDatabase();
        return new TestDatabase(server.jdbcUrl());
    }

    /** The connector settings that reach this database. */
    Map<String, String> settings() {
        return Map.of("url", url);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Runs one statement with parameters; instants are bound as UTC timestamps with a time zone. */
    void update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i] instanceof Instant instant
                        ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : parameters[i];
                statement.setObject(i + 1, value);
            }
            statement.executeUpdate();
        }
    }

    /** The rows of a query, each read by {@code reader}. */
    <T> List<T> query(String sql, RowReader<T> reader) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                rows.add(reader.read(row));
            }
        }
        return rows;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowReader<T> {

        T read(ResultSet row) throws SQLException;
    }
}
