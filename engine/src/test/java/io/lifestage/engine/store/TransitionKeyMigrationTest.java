package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Schema version 12 drops the primary key of {@code ls_transition}, whose columns lead the index the reads use: a
 * store upgraded keeps every transition, and reads a customer's moves through that index.
 */
class TransitionKeyMigrationTest {

    @Test
    void upgradingKeepsEveryTransitionAndDropsOnlyTheKey() throws Exception {
        String url = "jdbc:h2:mem:transition-key-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure(StageStore.class.getClassLoader()).dataSource(url, "sa", "")
                .locations("classpath:db/lifestage").table("ls_schema_history")
                .javaMigrations(new FactSegmentsMigration()).target("11").load().migrate();
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
