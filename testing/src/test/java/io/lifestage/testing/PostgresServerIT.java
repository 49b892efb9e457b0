package io.lifestage.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresServerIT {

    @RegisterExtension
    static PostgresServer pg = new PostgresServer();

    @Test
    void givesAnEmptyDatabaseOfItsOwn() throws SQLException {
        try (Connection connection = pg.connection()) {
            String database = single(connection, "SELECT current_database()");
            assertThat(database).startsWith("ls_");
            assertThat(pg.jdbcUrl()).contains("/" + database);
            assertThat(single(connection,
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void runsPostgreSql15OrLater() throws SQLException {
        try (Connection connection = pg.connection()) {
            assertThat(Integer.parseInt(single(connection, "SHOW server_version_num"))).isGreaterThanOrEqualTo(150000);
        }
    }

    @Test
    void givesEachClassAnotherDatabaseAndDropsItAfterwards() throws SQLException {
        PostgresServer other = new PostgresServer();
        other.beforeAll(null);
        String otherUrl = other.jdbcUrl();
        other.afterAll(null);

        assertThat(otherUrl).isNotEqualTo(pg.jdbcUrl());
        try (Connection connection = pg.connection()) {
            String otherDatabase = otherUrl.replaceAll(".*/|\\?.*", "");
            assertThat(single(connection, "SELECT count(*) FROM pg_database WHERE datname = '" + otherDatabase + "'"))
                    .isEqualTo("0");
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
