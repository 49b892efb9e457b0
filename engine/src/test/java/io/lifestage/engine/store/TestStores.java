package io.lifestage.engine.store;

import io.lifestage.engine.config.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stage stores for tests: one opened at a JDBC URL, and plain JDBC on a store's database for tests that look at its
 * tables, or change them, behind the store's back. The other modules' tests have it through the engine's test jar.
 */
public final class TestStores {

    private TestStores() {
    }

    /** Reads the row a result set stands on. */
    @FunctionalInterface
    public interface Row<T> {

        T read(ResultSet rs) throws SQLException;
    }

    /** The settings of the store at a JDBC URL, as user {@code sa} without a password: an H2 store's defaults. */
    public static StoreSettings at(String url) {
        return new Settings(url, "sa", Optional.empty());
    }

    /**
     * Gives the database at a JDBC URL, as user {@code sa} without a password, the store's schema as it was at a
     * version, for tests of what opening a store of that version does.
     */
    public static void migrateTo(String url, String version) {
        StageStore.migrations(url, "sa", "").target(version).load().migrate();
    }

    /**
     * A run as of an instant, started and finished then, that read, stored, refused and evaluated nothing, with rule
     * base {@code v1}: a run history written by hand.
     */
    public static RunRecord run(long id, Instant asOf) {
        return new RunRecord(id, asOf, asOf, asOf, 0, 0, 0, 0, 0, "v1");
    }

    /** Opens the store at a JDBC URL, as user {@code sa} without a password, creating its schema if need be. */
    public static StageStore open(String url) {
        return StageStore.open(at(url));
    }

    /**
     * Opens a store in an H2 database in memory of its own, named so that every connection of the store sees it, and
     * kept until the JVM ends.
     */
    public static StageStore inMemory() {
        return open("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** The rows of a query on the store's database, on a connection of its own; parameters are bound in order. */
    public static <T> List<T> query(StoreSettings store, String sql, Row<T> row, Object... parameters)
            throws SQLException {
        try (Connection connection = connect(store);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rs = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
                return rows;
            }
        }
    }

    /** Runs an update on the store's database, on a connection of its own that commits it; gives the rows changed. */
    public static int update(StoreSettings store, String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(store);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    private static Connection connect(StoreSettings store) throws SQLException {
        return DriverManager.getConnection(store.url(), store.user(), store.password().orElse(""));
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    /** The {@code lifestage.store.*} settings of a test's store. */
    private record Settings(String url, String user, Optional<String> password) implements StoreSettings {
    }
}
