package io.lifestage.plugin.jdbc;

import io.lifestage.testing.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The jdbc sink honours the sink contract on a real PostgreSQL server: the same tests as on H2. */
class JdbcSinkContractPostgresIT extends JdbcSinkContractTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected TestDatabase database(Path dir) throws Exception {
        return TestDatabase.postgres(POSTGRES);
    }
}
