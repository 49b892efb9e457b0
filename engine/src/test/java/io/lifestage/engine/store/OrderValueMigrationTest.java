package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Schema version 8 adds what a customer's orders are worth to their row; rows written before have none of it, so the
 * upgrade makes every buyer due at once, and the next run, which finds no new move, fills the columns.
 */
class OrderValueMigrationTest {

    @Test
    void upgradingMakesEveryBuyerDueAtTheirLastEvaluationAndLeavesTheOthersAlone() throws Exception {
        String url = "jdbc:h2:mem:order-value-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure(StageStore.class.getClassLoader()).dataSource(url, "sa", "")
                .locations("classpath:db/lifestage").table("ls_schema_history")
                .javaMigrations(new FactSegmentsMigration()).target("7").load().migrate();
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
}
