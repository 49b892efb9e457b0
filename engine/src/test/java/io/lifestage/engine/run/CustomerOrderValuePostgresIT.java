package io.lifestage.engine.run;

import io.lifestage.testing.PostgresServer;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stored order value on a real PostgreSQL server: the same tests as on H2. */
class CustomerOrderValuePostgresIT extends CustomerOrderValueTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected Map<String, String> emptyStore() {
        return POSTGRES.emptyStoreSettings();
    }
}
