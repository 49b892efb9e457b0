/**
 * Support for tests across modules; {@link io.lifestage.testing.PostgresServer} gives each test class a fresh
 * database on a real PostgreSQL server.
 */
package io.lifestage.testing;
