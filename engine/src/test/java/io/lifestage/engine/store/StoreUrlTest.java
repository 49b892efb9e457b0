package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which H2 URLs a stage store opens, and what it says of one it cannot use. */
class StoreUrlTest {

    @Test
    void anUnnamedInMemoryDatabaseIsRefusedWithTheUrlToWriteInstead() {
        for (String url : new String[] {"jdbc:h2:mem:", "JDBC:H2:MEM:;DB_CLOSE_DELAY=-1"}) {
            assertThatThrownBy(() -> StageStore.open(url, "sa", "")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot open the stage store " + url + ": an unnamed in-memory H2 database")
                    .hasMessageContaining("jdbc:h2:mem:lifestage;DB_CLOSE_DELAY=-1");
        }
    }

    @Test
    void aNamedInMemoryDatabaseIsOneForEveryConnection() {
        try (StageStore store = StageStore.open("jdbc:h2:mem:named-store;DB_CLOSE_DELAY=-1", "sa", "");
             StageStore other = store.anotherConnection()) {
            assertThat(other.lastRunAsOf()).isEmpty();
            assertThat(other.dueCustomers(Instant.ofEpochMilli(Long.MAX_VALUE))).isEmpty();
        }
    }
}
