package io.lifestage.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for tests, with a fresh, empty database per test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static PostgresServer pg = new PostgresServer();
 *
 * try (Connection c = pg.connection()) { ... }   // or hand pg.jdbcUrl() to the code under test
 * }</pre>
 *
 * <p>The server is the one the environment variable {@value #URL_VARIABLE} points to (a JDBC URL of a superuser,
 * for example {@code jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres}, as printed by {@code .ci/postgres});
 * without it, a private PostgreSQL 15 cluster is started once per JVM in a temporary directory and stopped when the
 * JVM exits. When neither is possible the test class fails, saying what to install: it is never skipped.
 *
 * <p>Register the extension on a {@code static} field: the database is created before the first test of the class
 * and dropped after the last.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    /** The environment variable naming an existing server to use instead of a private cluster. */
    public static final String URL_VARIABLE = "LIFESTAGE_TEST_POSTGRES_URL";

    private ServerUrl server;
    private String database;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String configured = System.getenv(URL_VARIABLE);
        server = new ServerUrl(configured != null && !configured.isBlank() ? configured : PostgresCluster.sharedUrl());
        database = "ls_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        administer("CREATE DATABASE " + database);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (database != null) {
            administer("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            database = null;
        }
    }

    /** The JDBC URL of this test class's database, with the server's user and options. */
    public String jdbcUrl() {
        if (database == null) {
            throw new IllegalStateException("PostgresServer has no database: register it with @RegisterExtension on"
                    + " a static field, and use it only inside the test class");
        }
        return server.withDatabase(database);
    }

    /** Empties this test class's database: drops its public schema with everything in it and creates it again. */
    public void emptyDatabase() {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database " + jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Empties this test class's database and gives the {@code lifestage.store.*} settings that point at it. */
    public Map<String, String> emptyStoreSettings() {
        emptyDatabase();
        return Map.of("lifestage.store.url", jdbcUrl(), "lifestage.store.user", "postgres");
    }

    /** A new connection to this test class's database; the caller closes it. */
    public Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    private void administer(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.url());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL at " + server.url() + " refused '" + sql + "': " + e.getMessage()
                    + " (the URL must name a superuser, or one allowed to create databases)", e.getSQLState(), e);
        }
    }
}
