package io.lifestage.plugin.jdbc;

/** How the jdbc sink stores current stages and transitions on a real PostgreSQL server: the same tests as on H2. */
class JdbcSinkPostgresIT extends JdbcSinkTest implements OnPostgres {
}
