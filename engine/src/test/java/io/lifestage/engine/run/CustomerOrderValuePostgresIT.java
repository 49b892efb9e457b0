package io.lifestage.engine.run;

import io.lifestage.testing.OnPostgres;

/** The stored order value on a real PostgreSQL server: the same tests as on H2. */
class CustomerOrderValuePostgresIT extends CustomerOrderValueTest implements OnPostgres {
}
