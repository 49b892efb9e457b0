package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Event;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large run on H2 goes without the customers' indexes of next checks and stages; no store is left without them. */
class CustomerIndexesTest {

    @TempDir
    Path dir;

    @Test
    void indexesDroppedForALargeRunAreBuiltAgainAndDueCustomersAreFound() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store");
        try (StageStore store = StageStore.open(url, "sa", "")) {
            store.dropCustomerIndexes();
            assertThat(customerIndexes(url)).isZero();
            store.ingest("events", List.of(Event.track("ann", "Page Viewed", Instant.EPOCH, Map.of())), "1",
                    Instant.EPOCH);

            store.restoreCustomerIndexes();

            assertThat(customerIndexes(url)).isEqualTo(2);
            assertThat(store.dueCustomers(Instant.ofEpochMilli(1))).containsExactly("ann");
        }
    }

    @Test
    void aStoreLeftWithoutTheIndexesByAKilledRunGetsThemBackWhenOpened() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store");
        StageStore.open(url, "sa", "").close();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("DROP INDEX ls_customer_next_check");
            connection.createStatement().execute("DROP INDEX ls_customer_stage");
        }
        assertThat(customerIndexes(url)).isZero();

        StageStore.open(url, "sa", "").close();

        assertThat(customerIndexes(url)).isEqualTo(2);
    }

    @Test
    void closingAStoreThatDroppedTheIndexesBuildsThemAgain() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store");
        StageStore store = StageStore.open(url, "sa", "");
        store.dropCustomerIndexes();

        store.close();

        assertThat(customerIndexes(url)).isEqualTo(2);
    }

    /** How many of the indexes of customers' next checks and stages the store has. */
    private static int customerIndexes(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM"
                     + " INFORMATION_SCHEMA.INDEXES WHERE UPPER(INDEX_NAME) IN ('LS_CUSTOMER_NEXT_CHECK',"
                     + " 'LS_CUSTOMER_STAGE')")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
