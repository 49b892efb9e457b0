package io.lifestage.engine.report;

import io.lifestage.testing.OnPostgres;

/** The breakdown by attribute on a real PostgreSQL server: the same history, the same figures as on H2. */
class BreakdownPostgresIT extends BreakdownTest implements OnPostgres {
}
