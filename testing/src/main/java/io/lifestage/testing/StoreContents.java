package io.lifestage.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What a Lifestage store holds, as text: for tests that look for a trace of what must be gone. */
public final class StoreContents {

    private StoreContents() {
    }

    /**
     * Every value of every Lifestage table ({@code ls_*}), a line each, after the table's name. Bytes (the segments
     * facts are stored in) are read as UTF-8, so that a string they hold shows as itself.
     */
    public static String text(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (name.toLowerCase(java.util.Locale.ROOT).startsWith("ls_")) {
                    tables.add(name);
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (String table : tables) {
            try (ResultSet rs = connection.createStatement().executeQuery("SELECT * FROM \"" + table + "\"")) {
                while (rs.next()) {
                    for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                        Object value = rs.getObject(column);
                        text.append(table).append('.').append(value instanceof byte[] bytes
                                ? new String(bytes, StandardCharsets.UTF_8) : rs.getString(column)).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }
}
