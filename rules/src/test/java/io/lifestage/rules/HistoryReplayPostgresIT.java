package io.lifestage.rules;

import io.lifestage.testing.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The twelve monthly replays give the same, reconciling history on a real PostgreSQL server. */
class HistoryReplayPostgresIT extends HistoryReplayTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected String[] newStore() {
        try (Connection connection = POSTGRES.connection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot empty the test database: " + e.getMessage(), e);
        }
        return new String[] {POSTGRES.jdbcUrl(), "postgres", ""};
    }
}
