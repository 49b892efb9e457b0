package io.lifestage.engine.report;

import io.lifestage.testing.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scorecard on a real PostgreSQL server: the same history, the same figures as on H2. */
class ScorecardPostgresIT extends ScorecardTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected String newStore() {
        POSTGRES.emptyDatabase();
        return POSTGRES.jdbcUrl();
    }
}
