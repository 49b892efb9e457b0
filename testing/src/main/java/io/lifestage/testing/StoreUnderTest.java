package io.lifestage.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * The stage store a test class runs on, so that the same tests run on H2 and, unchanged, on a real PostgreSQL server.
 * The H2 test class implements it and takes every store from {@link #emptyStore()}; its rerun on PostgreSQL is then
 * one line: {@code class StageRunPostgresIT extends StageRunTest implements OnPostgres {}}.
 */
public interface StoreUnderTest {

    /** The setting naming the store's JDBC URL. */
    String URL = "lifestage.store.url";
    /** The setting naming the store's database user. */
    String USER = "lifestage.store.user";

    /** The {@code lifestage.store.*} settings of a new, empty store: here {@link #inMemoryH2()}. */
    default Map<String, String> emptyStore() {
        return inMemoryH2();
    }

    /** The settings of a new, empty in-memory H2 store of its own, whatever store the test class runs on. */
    static Map<String, String> inMemoryH2() {
        return Map.of(URL, "jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", USER, "sa");
    }

    /** A new connection to the store these settings name, as their user without a password; the caller closes it. */
    static Connection connect(Map<String, String> store) throws SQLException {
        return DriverManager.getConnection(store.get(URL), store.get(USER), "");
    }
}
