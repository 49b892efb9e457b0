package io.lifestage.engine.run;

import io.lifestage.testing.PostgresServer;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rules on context fields, touches, traits and windowed counts on a real PostgreSQL server: the tests run on H2. */
class ContextAndCountAttributesPostgresIT extends ContextAndCountAttributesTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected Map<String, String> emptyStore() {
        return POSTGRES.emptyStoreSettings();
    }
}
