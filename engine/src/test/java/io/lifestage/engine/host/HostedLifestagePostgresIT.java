package io.lifestage.engine.host;

import io.lifestage.testing.OnPostgres;

/** The host service on a real PostgreSQL server: the same tests as on H2, erasure and paging included. */
class HostedLifestagePostgresIT extends HostedLifestageTest implements OnPostgres {
}
