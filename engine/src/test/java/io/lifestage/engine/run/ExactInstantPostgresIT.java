package io.lifestage.engine.run;

import io.lifestage.testing.OnPostgres;

/** Moves at their exact instants on a real PostgreSQL server: the same tests as on H2. */
class ExactInstantPostgresIT extends ExactInstantTest implements OnPostgres {
}
