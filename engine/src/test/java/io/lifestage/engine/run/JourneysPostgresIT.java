package io.lifestage.engine.run;

import io.lifestage.testing.OnPostgres;

/** Journeys and their actions on a real PostgreSQL server: the same tests as on H2. */
class JourneysPostgresIT extends JourneysTest implements OnPostgres {
}
