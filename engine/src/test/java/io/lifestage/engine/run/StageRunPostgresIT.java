package io.lifestage.engine.run;

import io.lifestage.testing.OnPostgres;

/** The pipeline's behaviour on a real PostgreSQL server: the same tests as on H2. */
class StageRunPostgresIT extends StageRunTest implements OnPostgres {
}
