package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryStartTest {

    @Test
    void aStoreFromBeforeTheRecordedStartKeepsItsEarliestTransitionAsTheStart() throws Exception {
        String url = "jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        TestStores.migrateTo(url, "6");
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("INSERT INTO ls_transition (transition_id, customer_id, from_stage,"
                    + " to_stage, occurred_at, rule_name, reason, rule_base_version, actions, policy, run_id) VALUES"
                    + " ('t2', 'ann', NULL, 'awareness', 2000, 'r', 'why', 'v1', '', 'ALLOWED', 1),"
                    + " ('t1', 'bob', NULL, 'awareness', 1000, 'r', 'why', 'v1', '', 'REFUSED', 1)");
        }

        try (StageStore store = TestStores.open(url)) {
            assertThat(store.firstTransitionAt()).contains(Instant.ofEpochMilli(1000));
        }
    }

    @Test
    void aStoreWithoutTransitionsHasNoStart() {
        try (StageStore store = TestStores.open("jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
            assertThat(store.firstTransitionAt()).isEmpty();
        }
    }
}
