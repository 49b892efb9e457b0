package io.lifestage.plugin.jdbc;

/** The jdbc source honours the source contract for profiles on a real PostgreSQL server: the same tests as on H2. */
class JdbcProfileSourceContractPostgresIT extends JdbcProfileSourceContractTest implements OnPostgres {
}
