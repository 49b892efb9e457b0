package io.lifestage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.testing.OnPostgres;
import io.lifestage.testing.StoreUnderTest;
import org.junit.jupiter.api.Test;

/** The reports of the sample replay reconcile on a real PostgreSQL server, and say exactly what they say on H2. */
class ReportReplayPostgresIT extends ReportReplayTest implements OnPostgres {

    @Test
    void givesTheSameAnswersAsH2() {
        Answers onH2 = replayAndReconcile(StoreUnderTest.inMemoryH2());
        Answers onPostgres = replayAndReconcile(emptyStore());

        assertThat(onPostgres).isEqualTo(onH2);
    }
}
