package io.lifestage.engine.host;

import io.lifestage.testing.PostgresServer;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The host service on a real PostgreSQL server: the same tests as on H2, erasure and paging included. */
class HostedLifestagePostgresIT extends HostedLifestageTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected Map<String, String> emptyStore() {
        return POSTGRES.emptyStoreSettings();
    }

    @Override
    protected Connection storeConnection() throws Exception {
        return POSTGRES.connection();
    }
}
