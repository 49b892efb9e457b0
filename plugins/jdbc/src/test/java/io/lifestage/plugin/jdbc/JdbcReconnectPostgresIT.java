package io.lifestage.plugin.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.testing.PostgresServer;
import io.lifestage.testkit.TestContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When PostgreSQL drops the connector's connection (a restart, a failover, an administrator), the call fails as
 * retriable, and the call the engine makes again opens a new connection and goes on where the last one stopped.
 */
class JdbcReconnectPostgresIT {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final JdbcConnectorProvider provider = new JdbcConnectorProvider();
    private TestDatabase db;

    @BeforeEach
    void emptyDatabase() throws Exception {
        db = TestDatabase.postgres(POSTGRES);
    }

    @Test
    void aPollAfterTheServerDroppedTheConnectionIsRetriableAndThenReadsOn() throws Exception {
        db.execute("CREATE TABLE events (id BIGINT PRIMARY KEY, user_id VARCHAR(64), event VARCHAR(100),"
                + " ts TIMESTAMP WITH TIME ZONE)");
        db.update("INSERT INTO events VALUES (1, 'u1', 'Signed Up', ?)", T0);
        Map<String, String> settings = new HashMap<>(db.settings());
        settings.putAll(Map.of("table", "events", "cursor-column", "id", "time-column", "ts"));
        try (Source source = provider.source().orElseThrow().newInstance()) {
            source.start(TestContext.forSource(provider).with(settings).build());
            assertThat(source.poll()).hasSize(1);
            db.update("INSERT INTO events VALUES (2, 'u2', 'Signed Up', ?)", T0);
            dropOtherConnections();

            ConnectorException failure = catchThrowableOfType(ConnectorException.class, source::poll);

            assertThat(failure.retriable()).as("retriable() of: %s", failure.getMessage()).isTrue();
            assertThat(source.poll()).containsExactly(Event.track("u2", "Signed Up", T0, Map.of()));
        }
    }

    @Test
    void aFlushAfterTheServerDroppedTheConnectionIsRetriableAndThenWrites() throws Exception {
        Decision decision = new Decision("c1", "loyalty", "loyalty-rule", "because", T0, "v1");
        try (Sink sink = provider.sink().orElseThrow().newInstance()) {
            sink.start(TestContext.forSink(provider).with(db.settings()).build());
            sink.writeDecisions(List.of(decision));
            dropOtherConnections();

            ConnectorException failure = catchThrowableOfType(ConnectorException.class, sink::flush);

            assertThat(failure.retriable()).as("retriable() of: %s", failure.getMessage()).isTrue();
            sink.flush();
        }
        assertThat(SinkTables.decisions(db, "lifestage_decisions")).containsExactly(decision);
    }

    /** Ends every other session of the database, waiting (up to 5 s each) until it is gone. */
    private void dropOtherConnections() throws Exception {
        db.query("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid()", row -> row.getBoolean(1));
    }
}
