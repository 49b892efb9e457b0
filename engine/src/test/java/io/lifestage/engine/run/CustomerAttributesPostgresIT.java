package io.lifestage.engine.run;

import io.lifestage.testing.OnPostgres;

/** Rules on declared attributes on a real PostgreSQL server: the same tests as on H2. */
class CustomerAttributesPostgresIT extends CustomerAttributesTest implements OnPostgres {
}
