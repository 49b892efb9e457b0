package io.lifestage.plugin.jdbc;

import io.lifestage.testing.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the jdbc sink stores current stages and transitions on a real PostgreSQL server: the same tests as on H2. */
class JdbcSinkPostgresIT extends JdbcSinkTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected TestDatabase database(Path dir) throws Exception {
        return TestDatabase.postgres(POSTGRES);
    }
}
