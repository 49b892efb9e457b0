package io.lifestage.plugin.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Event;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.TestContext;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the jdbc source reads profiles and events on a real PostgreSQL server: the same tests as on H2, and a value
 * PostgreSQL has but Java cannot take.
 */
class JdbcSourcePostgresIT extends JdbcSourceTest implements OnPostgres {

    @Test
    void rejectsARowWithAValueTheDriverCannotReadAsItsTypeAndReadsOn() throws Exception {
        db.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id VARCHAR(10), event VARCHAR(20),"
                        + " ts TIMESTAMP WITH TIME ZONE, total NUMERIC)",
                "INSERT INTO orders VALUES (1, 'u1', 'Order Completed', '2026-03-01T10:00:00Z', 'NaN'),"
                        + " (2, 'u1', 'Order Completed', '2026-03-01T10:00:00Z', 5)");
        TestContext context = context(Map.of("table", "orders", "cursor-column", "id", "time-column", "ts"), null);
        Source source = started(context);

        assertThat(source.poll()).containsExactly(Event.track("u1", "Order Completed",
                Instant.parse("2026-03-01T10:00:00Z"), Map.of("total", 5L)));
        assertThat(context.rejects()).singleElement().satisfies(rejection -> {
            assertThat(rejection.position()).isEqualTo("id=1");
            assertThat(rejection.reason()).startsWith("a value cannot be read: ").contains("NaN");
        });
    }
}
