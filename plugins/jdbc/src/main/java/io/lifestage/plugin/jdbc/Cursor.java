package io.lifestage.plugin.jdbc;

import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.CURSOR_COLUMN;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.KEY_COLUMN;

import io.lifestage.api.spi.ConnectorException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The order a source reads rows in, and its positions. Rows are read ordered by the cursor column, then by the key
 * column when one is set, and a position holds both values of the last row read: the next query asks for rows whose
 * (cursor, key) pair comes after it, so rows that share a cursor value are told apart by their key and none is
 * skipped or read twice. Rows whose cursor or key is NULL are never read.
 *
 * <p>A position reads {@code updated_at=2026-03-01T10:00:00Z|id=42}: each column's label and value, values of
 * timestamps with a time zone as UTC instants; a backslash escapes {@code \}, {@code |} and {@code =}.
 */
final class Cursor {

    private final List<Column> columns;

    private Cursor(List<Column> columns) {
        this.columns = columns;
    }

    /** The cursor column, and the key column when not null; both must be of a type with an order and a text form. */
    static Cursor of(Column cursor, Column key) {
        List<Column> columns = key == null || key.equals(cursor) ? List.of(cursor) : List.of(cursor, key);
        for (Column column : columns) {
            if (javaType(column) == null) {
                throw ConnectorException.fatal("column '" + column.label() + "' (setting '"
                        + (column == cursor ? CURSOR_COLUMN : KEY_COLUMN).name() + "') cannot order rows: its SQL type"
                        + " is " + column.kindName()
                        + "; use a whole number, decimal, text, date or timestamp column");
            }
        }
        return new Cursor(columns);
    }

    List<Column> columns() {
        return columns;
    }

    /** The WHERE condition of the rows after {@code after} (null: from the first row). */
    String condition(List<Object> after) {
        String notNull = columns.stream().map(column -> column.sql() + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
        if (after == null) {
            return notNull;
        }
        String names = columns.stream().map(Column::sql).collect(Collectors.joining(", "));
        String marks = columns.stream().map(column -> "?").collect(Collectors.joining(", "));
        return notNull + " AND (" + names + ") > (" + marks + ")";
    }

    String order() {
        return columns.stream().map(Column::sql).collect(Collectors.joining(", "));
    }

    void bind(PreparedStatement statement, List<Object> after) throws SQLException {
        if (after != null) {
            for (int i = 0; i < after.size(); i++) {
                statement.setObject(i + 1, after.get(i));
            }
        }
    }

    /** The cursor values of the current row. */
    List<Object> read(ResultSet row) throws SQLException {
        List<Object> values = new ArrayList<>(columns.size());
        for (Column column : columns) {
            values.add(row.getObject(column.index(), javaType(column)));
        }
        return values;
    }

    /** The position of the row with these cursor values; empty for null, before the first row. */
    String format(List<Object> values) {
        if (values == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Object value = values.get(i);
            String text = value instanceof OffsetDateTime offset ? offset.toInstant().toString() : value.toString();
            parts.add(escape(columns.get(i).label()) + "=" + escape(text));
        }
        return String.join("|", parts);
    }

    /**
     * The cursor values of a position this cursor formatted.
     *
     * @throws io.lifestage.api.spi.ConnectorException naming the position when it names other columns or holds a
     *                                                 value that is not of its column's type
     */
    List<Object> parse(String position) {
        List<String> parts = split(position, '|', false);
        List<String> expected = columns.stream().map(Column::label).toList();
        List<String> named = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String part : parts) {
            List<String> pair = split(part, '=', true);
            named.add(pair.get(0));
            texts.add(pair.size() == 2 ? pair.get(1) : null);
        }
        boolean sameColumns = named.size() == expected.size() && !texts.contains(null);
        for (int i = 0; sameColumns && i < expected.size(); i++) {
            sameColumns = expected.get(i).equalsIgnoreCase(named.get(i));
        }
        if (!sameColumns) {
            throw ConnectorException.fatal("cannot resume from position '" + position + "': expected "
                    + expected.stream().map(label -> label + "=<value>").collect(Collectors.joining("|"))
                    + "; were settings '" + CURSOR_COLUMN.name() + "' or '" + KEY_COLUMN.name()
                    + "' changed since the last run?");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            values.add(value(columns.get(i), texts.get(i), position));
        }
        return values;
    }

    private Object value(Column column, String text, String position) {
        try {
            return switch (column.kind()) {
                case WHOLE -> Long.valueOf(text);
                case DECIMAL -> new BigDecimal(text);
                case DATE -> LocalDate.parse(text);
                case TIMESTAMP -> LocalDateTime.parse(text);
                case TIMESTAMP_TZ -> OffsetDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC);
                default -> text;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ConnectorException.fatal("cannot resume from position '" + position + "': '" + text
                    + "' is not a value of column '" + column.label() + "', whose SQL type is " + column.kindName());
        }
    }

    private static Class<?> javaType(Column column) {
        return switch (column.kind()) {
            case WHOLE -> Long.class;
            case DECIMAL -> BigDecimal.class;
            case TEXT -> String.class;
            case DATE -> LocalDate.class;
            case TIMESTAMP -> LocalDateTime.class;
            case TIMESTAMP_TZ -> OffsetDateTime.class;
            default -> null;
        };
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("=", "\\=");
    }

    /**
     * Splits at separators not escaped by a backslash; unescapes the parts, or keeps their escapes for a next split.
     */
    private static List<String> split(String text, char separator, boolean unescape) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                part.append(unescape ? "" : "\\").append(text.charAt(++i));
            } else if (c == separator) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
