package io.lifestage.rules;

import io.lifestage.testing.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The twelve monthly replays give the same, reconciling history on a real PostgreSQL server. */
class HistoryReplayPostgresIT extends HistoryReplayTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected String[] newStore() {
        POSTGRES.emptyDatabase();
        return new String[] {POSTGRES.jdbcUrl(), "postgres", ""};
    }
}
