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

/** A large run on H2 goes without the index of next checks, and no store is ever left without it. */
class DueIndexTest {

    @TempDir
    Path dir;

    @Test
    void anIndexDroppedForALargeRunIsBuiltAgainAndDueCustomersAreFound() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store");
        try (StageStore store = StageStore.open(url, "sa", "")) {
            store.dropDueIndex();
            assertThat(hasDueIndex(url)).isFalse();
            store.ingest("events", List.of(Event.track("ann", "Page Viewed", Instant.EPOCH, Map.of())), "1",
                    Instant.EPOCH);

            store.restoreDueIndex();

            assertThat(hasDueIndex(url)).isTrue();
            assertThat(store.dueCustomers(Instant.ofEpochMilli(1))).containsExactly("ann");
        }
    }

    @Test
    void aStoreLeftWithoutTheIndexByAKilledRunGetsItBackWhenOpened() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store");
        StageStore.open(url, "sa", "").close();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("DROP INDEX ls_customer_next_check");
        }
        assertThat(hasDueIndex(url)).isFalse();

        StageStore.open(url, "sa", "").close();

        assertThat(hasDueIndex(url)).isTrue();
    }

    @Test
    void closingAStoreThatDroppedTheIndexBuildsItAgain() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store");
        StageStore store = StageStore.open(url, "sa", "");
        store.dropDueIndex();

        store.close();

        assertThat(hasDueIndex(url)).isTrue();
    }

    private static boolean hasDueIndex(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM"
                     + " INFORMATION_SCHEMA.INDEXES WHERE UPPER(INDEX_NAME) = 'LS_CUSTOMER_NEXT_CHECK'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
