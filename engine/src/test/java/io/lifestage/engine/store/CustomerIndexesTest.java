package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Event;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large run on H2 goes without the customers' indexes of next checks and stages; no store is left without them. */
class CustomerIndexesTest {

    @TempDir
    Path dir;

    @Test
    void indexesDroppedForALargeRunAreBuiltAgainAsTheMigrationsMadeThemAndDueCustomersAreFound() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store");
        try (StageStore store = StageStore.open(url, "sa", "")) {
            Map<String, List<String>> asMigrated = customerIndexColumns(url);
            store.dropCustomerIndexes();
            assertThat(customerIndexes(url)).isZero();
            store.ingest("events", List.of(Event.track("ann", "Page Viewed", Instant.EPOCH, Map.of())), "1",
                    Instant.EPOCH);

            store.restoreCustomerIndexes();

            assertThat(customerIndexes(url)).isEqualTo(2);
            assertThat(customerIndexColumns(url)).as("the indexes of ls_customer and their columns")
                    .isEqualTo(asMigrated);
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

    /** The indexes of {@code ls_customer} but its primary key, each with its columns in order. */
    private static Map<String, List<String>> customerIndexColumns(String url) throws Exception {
        Map<String, List<String>> indexes = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = connection.createStatement().executeQuery("SELECT c.INDEX_NAME, c.COLUMN_NAME FROM"
                     + " INFORMATION_SCHEMA.INDEX_COLUMNS c JOIN INFORMATION_SCHEMA.INDEXES i"
                     + " ON i.INDEX_SCHEMA = c.INDEX_SCHEMA AND i.INDEX_NAME = c.INDEX_NAME"
                     + " WHERE c.TABLE_NAME = 'LS_CUSTOMER' AND i.INDEX_TYPE_NAME <> 'PRIMARY KEY'"
                     + " ORDER BY c.INDEX_NAME, c.ORDINAL_POSITION")) {
            while (rs.next()) {
                indexes.computeIfAbsent(rs.getString(1), name -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return indexes;
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
