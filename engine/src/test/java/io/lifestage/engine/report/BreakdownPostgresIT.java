package io.lifestage.engine.report;

import io.lifestage.testing.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The breakdown by attribute on a real PostgreSQL server: the same history, the same figures as on H2. */
class BreakdownPostgresIT extends BreakdownTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected String newStore() {
        POSTGRES.emptyDatabase();
        return POSTGRES.jdbcUrl();
    }
}
