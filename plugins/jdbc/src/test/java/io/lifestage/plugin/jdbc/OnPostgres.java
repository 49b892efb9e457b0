package io.lifestage.plugin.jdbc;

import io.lifestage.testing.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the tests of an H2 test class on a real PostgreSQL server instead: {@code class JdbcSinkPostgresIT extends
 * JdbcSinkTest implements OnPostgres}. Each such class gets a database of its own, emptied for every test.
 */
interface OnPostgres extends OnTestDatabase {

    /** The server; it creates the database of each test class before its first test and drops it after its last. */
    @RegisterExtension
    PostgresServer POSTGRES = new PostgresServer();

    @Override
    default TestDatabase database(Path dir) {
        return TestDatabase.postgres(POSTGRES);
    }
}
