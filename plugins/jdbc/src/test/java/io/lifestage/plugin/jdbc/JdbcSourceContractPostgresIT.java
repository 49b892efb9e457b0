package io.lifestage.plugin.jdbc;

/** The jdbc source honours the source contract on a real PostgreSQL server: the same tests as on H2. */
class JdbcSourceContractPostgresIT extends JdbcSourceContractTest implements OnPostgres {
}
