package io.lifestage.engine.report;

import io.lifestage.testing.OnPostgres;

/** The action uplift on a real PostgreSQL server: the same history, the same figures as on H2. */
class ActionUpliftPostgresIT extends ActionUpliftTest implements OnPostgres {
}
