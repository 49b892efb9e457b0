package io.lifestage.plugin.jdbc;

/** The jdbc sink honours the sink contract on a real PostgreSQL server: the same tests as on H2. */
class JdbcSinkContractPostgresIT extends JdbcSinkContractTest implements OnPostgres {
}
