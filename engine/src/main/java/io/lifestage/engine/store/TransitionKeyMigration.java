package io.lifestage.engine.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 12: {@code ls_transition} loses its primary key (customer, instant, transition id). The index
 * {@code ls_transition_customer_moves} leads with the same three columns and serves every read the key served, so the
 * key only made each stored transition go into one more B-tree, and into one more page written at each commit. A
 * transition is stored once without it: a save reads the ids stored for its customers and leaves those out. Java,
 * not SQL, because the database named the key's constraint, each in its own way.
 */
final class TransitionKeyMigration extends StoreMigration {

    TransitionKeyMigration() {
        super("12", "transitions without a primary key");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        DatabaseMetaData meta = connection.getMetaData();
        String table = meta.storesUpperCaseIdentifiers() ? "LS_TRANSITION" : "ls_transition";
        String key = null;
        try (ResultSet rs = meta.getPrimaryKeys(null, connection.getSchema(), table)) {
            while (rs.next()) {
                key = rs.getString("PK_NAME");
            }
        }
        if (key != null) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("ALTER TABLE ls_transition DROP CONSTRAINT \"" + key + "\"");
            }
        }
    }
}
