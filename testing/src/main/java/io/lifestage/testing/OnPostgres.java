package io.lifestage.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reruns the tests of a {@link StoreUnderTest} class on a real PostgreSQL server:
 * {@code class StageRunPostgresIT extends StageRunTest implements OnPostgres {}}. Each such class gets a database of
 * its own (see {@link PostgresServer} for which server and when it fails), emptied for every store a test asks for.
 */
public interface OnPostgres extends StoreUnderTest {

    /** The server; it creates the database of each test class before its first test and drops it after its last. */
    @RegisterExtension
    PostgresServer POSTGRES = new PostgresServer();

    @Override
    default Map<String, String> emptyStore() {
        return POSTGRES.emptyStoreSettings();
    }
}
