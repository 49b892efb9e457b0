package io.lifestage.engine.report;

import io.lifestage.testing.OnPostgres;

/** The value views as of each period's end on a real PostgreSQL server: the same history, the same figures. */
class ValuesAsOfEachPeriodPostgresIT extends ValuesAsOfEachPeriodTest implements OnPostgres {
}
