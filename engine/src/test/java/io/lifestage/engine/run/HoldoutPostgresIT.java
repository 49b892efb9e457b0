package io.lifestage.engine.run;

import io.lifestage.testing.OnPostgres;

/** Holdout groups on a real PostgreSQL server: the same runs, the same answers as on H2. */
class HoldoutPostgresIT extends HoldoutTest implements OnPostgres {
}
