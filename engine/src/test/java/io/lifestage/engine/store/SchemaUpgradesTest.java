package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/** What opening a store of an older schema version does to what it holds. */
class SchemaUpgradesTest {

    /** A new in-memory database with the store's schema as it was at a version. */
    private static String storeAt(String version) {
        String url = "jdbc:h2:mem:schema-upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        TestStores.migrateTo(url, version);
        return url;
    }

    /**
     * A store whose schema history ends at {@link StageStore#SCHEMA_VERSION} opens without Flyway: were that not the
     * last migration's version, a store one migration behind would open without it.
     */
    @Test
    void aStoreOpensWithoutMigratingOnlyAtTheLastMigrationsVersion() throws Exception {
        String url = storeAt("1");
        MigrationInfo[] migrations = StageStore.migrations(url, "sa", "").load().info().all();

        assertThat(migrations[migrations.length - 1].getVersion().getVersion()).isEqualTo(StageStore.SCHEMA_VERSION);
        TestStores.open(url).close();
        assertThat(TestStores.query(TestStores.at(url), "SELECT MAX(\"installed_rank\") FROM \"ls_schema_history\"",
                rs -> rs.getInt(1))).containsExactly(migrations.length);
    }

    /**
     * Version 8 adds what a customer's orders are worth to their row; rows written before have none of it, so the
     * upgrade makes every buyer due at once, and the next run, which finds no new move, fills the columns.
     */
    @Test
    void upgradingMakesEveryBuyerDueAtTheirLastEvaluationAndLeavesTheOthersAlone() throws Exception {
        String url = storeAt("7");
        String insert = "INSERT INTO ls_customer (customer_id, stage, evaluated_as_of, next_check_at, purchases,"
                + " revenue, rfm_recency, rfm_frequency, rfm_monetary, value_tier)"
                + " VALUES (?, 'retention', 1000, ?, ?, 0, 0, 0, 0, 'none')";
        TestStores.update(TestStores.at(url), insert, "buyer-never-due", null, 2);
        TestStores.update(TestStores.at(url), insert, "buyer-due-later", 5000, 1);
        TestStores.update(TestStores.at(url), insert, "buyer-due-before", 500, 1);
        TestStores.update(TestStores.at(url), insert, "visitor", null, 0);

        TestStores.open(url).close();

        assertThat(TestStores.query(TestStores.at(url), "SELECT customer_id, next_check_at, order_count,"
                + " first_purchase_at FROM ls_customer ORDER BY customer_id", rs -> rs.getString(1) + " "
                + rs.getObject(2) + " " + rs.getInt(3) + " " + rs.getObject(4))).containsExactly(
                "buyer-due-before 500 0 null", "buyer-due-later 1000 0 null", "buyer-never-due 1000 0 null",
                "visitor null 0 null");
    }

    /**
     * Version 12 drops the primary key of {@code ls_transition}, whose columns lead the index the reads use: the
     * transitions stay, and a customer's moves are read through that index.
     */
    @Test
    void upgradingKeepsEveryTransitionAndDropsOnlyTheKey() throws Exception {
        String url = storeAt("11");
        String insert = "INSERT INTO ls_transition (transition_id, customer_id, from_stage, to_stage, occurred_at,"
                + " rule_name, reason, rule_base_version, actions, policy, run_id)"
                + " VALUES (?, 'ann', ?, ?, ?, 'r', 'why', 'v1', '', 'ALLOWED', 1)";
        TestStores.update(TestStores.at(url), insert, "t1", null, "awareness", 1000);
        TestStores.update(TestStores.at(url), insert, "t2", "awareness", "consideration", 2000);
        assertThat(primaryKeyColumns(url)).isEqualTo(3);

        try (StageStore store = TestStores.open(url)) {
            assertThat(store.history("ann")).extracting(t -> t.id()).containsExactly("t1", "t2");
        }
        assertThat(primaryKeyColumns(url)).isZero();
        assertThat(TestStores.query(TestStores.at(url), "EXPLAIN SELECT transition_id FROM ls_transition"
                + " WHERE customer_id = 'ann' ORDER BY occurred_at", rs -> rs.getString(1)))
                .singleElement().asString().contains("LS_TRANSITION_CUSTOMER_MOVES");
    }

    private static int primaryKeyColumns(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = connection.getMetaData().getPrimaryKeys(null, null, "LS_TRANSITION")) {
            int columns = 0;
            while (rs.next()) {
                columns++;
            }
            return columns;
        }
    }
}
