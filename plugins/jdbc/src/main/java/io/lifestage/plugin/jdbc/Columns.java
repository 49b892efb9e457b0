package io.lifestage.plugin.jdbc;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorException;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of the table or query a source reads, and the lookup of the columns its settings name. A name matches
 * a column's label exactly, else ignoring case when only one label matches that way (unquoted names are folded to
 * capitals by H2 and to small letters by PostgreSQL); a name in double quotes matches only exactly.
 */
final class Columns {

    /** The value of a column-list setting that means "every column not mapped to anything else". */
    static final String ALL_OTHERS = "*";

    private final String input;
    private final List<Column> all = new ArrayList<>();

    Columns(String input, ResultSetMetaData meta, boolean upperCaseNames)
            throws SQLException {
        this.input = input;
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            all.add(Column.of(meta, i, upperCaseNames));
        }
    }

    List<Column> all() {
        return all;
    }

    /** The column a setting names. */
    Column find(ConfigKey setting, String name) {
        String wanted = name.trim();
        if (wanted.length() > 1 && wanted.startsWith("\"") && wanted.endsWith("\"")) {
            String exact = wanted.substring(1, wanted.length() - 1);
            return all.stream().filter(column -> column.label().equals(exact)).findFirst()
                    .orElseThrow(() -> missing(setting, wanted));
        }
        for (Column column : all) {
            if (column.label().equals(wanted)) {
                return column;
            }
        }
        List<Column> ignoringCase = all.stream().filter(column -> column.label().equalsIgnoreCase(wanted)).toList();
        if (ignoringCase.size() == 1) {
            return ignoringCase.get(0);
        }
        if (ignoringCase.isEmpty()) {
            throw missing(setting, wanted);
        }
        throw ConnectorException.fatal("setting '" + setting.name() + "' names column '" + wanted + "', which matches "
                + labels(ignoringCase) + " of " + input + " in all but case; write it in double quotes, exactly");
    }

    /** The columns a list setting names: empty for none, null for {@value #ALL_OTHERS}. */
    List<Column> list(ConfigKey setting, String value) {
        if (value.trim().equals(ALL_OTHERS)) {
            return null;
        }
        List<Column> columns = new ArrayList<>();
        for (String name : value.split(",")) {
            if (!name.isBlank()) {
                columns.add(find(setting, name));
            }
        }
        return columns;
    }

    private RuntimeException missing(ConfigKey setting, String name) {
        return ConnectorException.fatal("setting '" + setting.name() + "' names column '" + name + "', which " + input
                + " does not have; its columns are " + labels(all));
    }

    private static String labels(List<Column> columns) {
        return columns.stream().map(Column::label).collect(Collectors.joining(", "));
    }
}
