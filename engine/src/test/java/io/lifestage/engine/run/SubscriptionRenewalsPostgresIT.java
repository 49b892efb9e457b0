package io.lifestage.engine.run;

import io.lifestage.testing.OnPostgres;

/** Renewals as purchases on a real PostgreSQL server: the same tests as on H2. */
class SubscriptionRenewalsPostgresIT extends SubscriptionRenewalsTest implements OnPostgres {
}
