package io.lifestage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reports of the sample replay reconcile on a real PostgreSQL server, and say exactly what they say on H2. */
class ReportReplayPostgresIT extends ReportReplayTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected String[] newStore() {
        POSTGRES.emptyDatabase();
        return new String[] {POSTGRES.jdbcUrl(), "postgres", ""};
    }

    @Test
    void givesTheSameAnswersAsH2() {
        Answers onH2 = replayAndReconcile(h2Store());
        Answers onPostgres = replayAndReconcile(newStore());

        assertThat(onPostgres).isEqualTo(onH2);
    }
}
