package io.lifestage.plugin.jdbc;

import io.lifestage.testing.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The jdbc source honours the source contract for profiles on a real PostgreSQL server: the same tests as on H2. */
class JdbcProfileSourceContractPostgresIT extends JdbcProfileSourceContractTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected TestDatabase database(Path dir) throws Exception {
        return TestDatabase.postgres(POSTGRES);
    }
}
