package io.lifestage.engine.run;

import io.lifestage.testing.PostgresServer;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Moves at their exact instants on a real PostgreSQL server: the same tests as on H2. */
class ExactInstantPostgresIT extends ExactInstantTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected Map<String, String> emptyStore() {
        return POSTGRES.emptyStoreSettings();
    }
}
