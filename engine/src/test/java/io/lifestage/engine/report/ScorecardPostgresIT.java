package io.lifestage.engine.report;

import io.lifestage.testing.OnPostgres;

/** The scorecard on a real PostgreSQL server: the same history, the same figures as on H2. */
class ScorecardPostgresIT extends ScorecardTest implements OnPostgres {
}
