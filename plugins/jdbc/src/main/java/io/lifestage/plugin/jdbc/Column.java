package io.lifestage.plugin.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * One column of the rows a source reads, as the database describes it, and how its values become Java values.
 *
 * @param label the column's name as the database reports it
 * @param name  the name properties and traits use: the label, lower-cased when the database keeps unquoted names
 *              in capitals (H2) and the label is all capitals
 * @param index the column's position in the row, from 1
 * @param kind  what its SQL type holds
 */
record Column(String label, String name, int index, Kind kind) {

    /** What a column's SQL type holds, as far as reading it goes. */
    enum Kind { BOOLEAN, WHOLE, FLOATING, DECIMAL, TEXT, DATE, TIMESTAMP, TIMESTAMP_TZ, TIME, BINARY, OTHER }

    static Column of(ResultSetMetaData meta, int index, boolean upperCaseNames) throws SQLException {
        String label = meta.getColumnLabel(index);
        boolean capitals = upperCaseNames && label.equals(label.toUpperCase(Locale.ROOT));
        String name = capitals ? label.toLowerCase(Locale.ROOT) : label;
        return new Column(label, name, index, kind(meta.getColumnType(index), meta.getColumnTypeName(index)));
    }

    private static Kind kind(int type, String typeName) {
        return switch (type) {
            case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.WHOLE;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.FLOATING;
            case Types.NUMERIC, Types.DECIMAL -> Kind.DECIMAL;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> Kind.TEXT;
            case Types.DATE -> Kind.DATE;
            // PostgreSQL reports timestamptz as TIMESTAMP, with the type name telling the difference.
            case Types.TIMESTAMP -> typeName != null && typeName.toLowerCase(Locale.ROOT).contains("tz")
                    ? Kind.TIMESTAMP_TZ : Kind.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP_TZ;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> Kind.TIME;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BINARY;
            default -> Kind.OTHER;
        };
    }

    /** The kind in words, for messages: {@code timestamp tz}, {@code binary}. */
    String kindName() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The column as an SQL identifier, quoted, so that it means exactly this label on any database. */
    String sql() {
        return '"' + label.replace("\"", "\"\"") + '"';
    }

    /**
     * The value of this column in the current row as a property or trait: {@code Boolean}, {@code Long} for whole
     * numbers, {@code Double} for other numbers, ISO-8601 text for dates and times, else text; null for SQL NULL.
     */
    Object value(ResultSet row) throws SQLException {
        Object value = switch (kind) {
            case BOOLEAN -> row.getBoolean(index);
            case WHOLE -> row.getLong(index);
            case FLOATING -> row.getDouble(index);
            case DECIMAL -> number(row.getBigDecimal(index));
            case DATE -> text(row.getObject(index, LocalDate.class));
            case TIMESTAMP -> text(row.getObject(index, LocalDateTime.class));
            case TIMESTAMP_TZ -> text(row.getObject(index, OffsetDateTime.class));
            case TEXT, TIME, BINARY, OTHER -> row.getString(index);
        };
        return row.wasNull() ? null : value;
    }

    private static Object number(BigDecimal decimal) {
        if (decimal == null) {
            return null;
        }
        if (decimal.scale() <= 0) {
            try {
                return decimal.longValueExact();
            } catch (ArithmeticException beyondLong) {
                return decimal.doubleValue();
            }
        }
        return decimal.doubleValue();
    }

    private static String text(Object temporal) {
        if (temporal instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC).toString();
        }
        if (temporal instanceof OffsetDateTime offset) {
            return offset.toInstant().toString();
        }
        return temporal == null ? null : temporal.toString();
    }
}
