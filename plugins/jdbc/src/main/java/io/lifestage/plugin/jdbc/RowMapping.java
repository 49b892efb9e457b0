package io.lifestage.plugin.jdbc;

import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.ANONYMOUS_ID_COLUMN;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.EVENT_COLUMN;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.ID_COLUMN;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.KIND;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.MAX_VALUE_CHARS;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.PROPERTY_COLUMNS;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.TIME_COLUMN;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.TRAIT_COLUMNS;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.TYPE_COLUMN;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.UPDATED_COLUMN;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns rows into facts by the roles the settings give columns: events (customer id, anonymous id, call type, event
 * name, time, properties, traits) or customer profiles (id, updated-at, traits). A row that cannot be a fact gives
 * the reason instead, in words that name the column.
 */
final class RowMapping {

    /**
     * What a row became.
     *
     * @param fact      the fact, or null when rejected
     * @param rejection why the row was rejected, or null
     */
    record Row(Fact fact, String rejection) {
    }

    private static final int MAX_RECORD_CHARS = 1_000;
    private static final int MAX_SHOWN_VALUE_CHARS = 100;

    private final Columns columns;
    private final boolean events;
    private final Column id;
    private final Column anonymousId;
    private final Column type;
    private final Column event;
    private final Column time;
    private final List<Column> properties;
    private final List<Column> traits;
    private final int maxChars;

    private RowMapping(Columns columns, boolean events, Column id, Column anonymousId, Column type, Column event,
                       Column time, List<Column> properties, List<Column> traits, int maxChars) {
        this.columns = columns;
        this.events = events;
        this.id = id;
        this.anonymousId = anonymousId;
        this.type = type;
        this.event = event;
        this.time = time;
        this.properties = properties;
        this.traits = traits;
        this.maxChars = maxChars;
    }

    /** The mapping the settings describe; fails naming the setting when a column is missing or unusable. */
    static RowMapping of(ConnectorContext context, Columns columns, List<Column> cursor) {
        boolean events = context.requiredSetting(KIND).equals("events");
        Column id = columns.find(ID_COLUMN,
                context.nonBlankSetting(ID_COLUMN).orElse(events ? "user_id" : "id"));
        Column anonymousId = events ? optionalColumn(context, columns, ANONYMOUS_ID_COLUMN) : null;
        Column type = events ? optionalColumn(context, columns, TYPE_COLUMN) : null;
        Column event = events ? columns.find(EVENT_COLUMN, context.requiredSetting(EVENT_COLUMN)) : null;
        ConfigKey timeSetting = events ? TIME_COLUMN : UPDATED_COLUMN;
        Column time = columns.find(timeSetting, context.requiredSetting(timeSetting));
        if (!Set.of(Column.Kind.TIMESTAMP_TZ, Column.Kind.TIMESTAMP, Column.Kind.DATE, Column.Kind.TEXT)
                .contains(time.kind())) {
            throw ConnectorException.fatal("column '" + time.label() + "' (setting '" + timeSetting.name()
                    + "') must hold a timestamp, a date or ISO-8601 text, but its SQL type is " + time.kindName());
        }
        List<Column> properties = events
                ? columns.list(PROPERTY_COLUMNS, context.requiredSetting(PROPERTY_COLUMNS)) : List.of();
        List<Column> traits = columns.list(TRAIT_COLUMNS,
                context.setting(TRAIT_COLUMNS).orElse(events ? "" : Columns.ALL_OTHERS));
        if (properties == null && traits == null) {
            throw ConnectorException.fatal("settings '" + PROPERTY_COLUMNS.name() + "' and '"
                    + TRAIT_COLUMNS.name() + "' cannot both be " + Columns.ALL_OTHERS
                    + "; name the columns of one of them");
        }
        Set<Column> mapped = new HashSet<>(cursor);
        for (Column column : new Column[] {id, anonymousId, type, event, time}) {
            if (column != null) {
                mapped.add(column);
            }
        }
        mapped.addAll(properties == null ? traits : properties);
        List<Column> others = columns.all().stream().filter(column -> !mapped.contains(column)).toList();
        properties = properties == null ? others : properties;
        traits = traits == null ? others : traits;
        refuseBinary(context, properties, PROPERTY_COLUMNS);
        refuseBinary(context, traits, TRAIT_COLUMNS);
        return new RowMapping(columns, events, id, anonymousId, type, event, time, properties, traits,
                context.integerSetting(MAX_VALUE_CHARS));
    }

    private static Column optionalColumn(ConnectorContext context, Columns columns, ConfigKey setting) {
        return context.nonBlankSetting(setting).map(name -> columns.find(setting, name)).orElse(null);
    }

    private static void refuseBinary(ConnectorContext context, List<Column> values, ConfigKey setting) {
        for (Column column : values) {
            if (column.kind() == Column.Kind.BINARY) {
                throw ConnectorException.fatal("column '" + column.label() + "' holds binary data, which cannot be a"
                        + " property or trait; name the columns to read in '" + setting.name() + "', or select them in"
                        + " 'query'");
            }
        }
    }

    /** The fact of the current row, or why it cannot be one. */
    Row read(ResultSet row) throws SQLException {
        try {
            return new Row(events ? event(row) : profile(row), null);
        } catch (Rejected e) {
            return new Row(null, e.getMessage());
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                return new Row(null, "a value cannot be read: " + e.getMessage());
            }
            throw e;
        }
    }

    private Event event(ResultSet row) throws SQLException {
        String userId = text(row, id);
        String anonymous = anonymousId == null ? null : text(row, anonymousId);
        if (userId == null && anonymous == null) {
            throw new Rejected("no customer id: column '" + id.label() + "'"
                    + (anonymousId == null ? " is" : " and column '" + anonymousId.label() + "' are") + " empty");
        }
        Event.Type callType = type == null ? Event.Type.TRACK : callType(text(row, type));
        String name = switch (callType) {
            case TRACK -> {
                String named = text(row, event);
                if (named == null) {
                    throw new Rejected("no event name: column '" + event.label() + "' is empty");
                }
                yield named;
            }
            case PAGE -> Event.PAGE_VIEWED;
            case SCREEN -> Event.SCREEN_VIEWED;
            case IDENTIFY -> Event.IDENTIFIED;
        };
        return new Event(callType, userId, anonymous, name, instant(row), values(row, properties),
                values(row, traits));
    }

    private CustomerProfile profile(ResultSet row) throws SQLException {
        String customerId = text(row, id);
        if (customerId == null) {
            throw new Rejected("no customer id: column '" + id.label() + "' is empty");
        }
        return new CustomerProfile(customerId, values(row, traits), instant(row));
    }

    private Event.Type callType(String text) {
        if (text == null) {
            throw new Rejected("no call type: column '" + type.label() + "' is empty");
        }
        try {
            return Event.Type.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Rejected("unknown call type '" + text + "' in column '" + type.label()
                    + "': expected track, page, screen or identify");
        }
    }

    private Instant instant(ResultSet row) throws SQLException {
        Instant at = switch (time.kind()) {
            case TIMESTAMP_TZ -> at(row.getObject(time.index(), OffsetDateTime.class));
            case TIMESTAMP -> at(row.getObject(time.index(), LocalDateTime.class));
            case DATE -> at(row.getObject(time.index(), LocalDate.class));
            default -> parsed(text(row, time));
        };
        if (at == null) {
            throw new Rejected("no time: column '" + time.label() + "' is empty");
        }
        return at;
    }

    private static Instant at(Object temporal) {
        if (temporal instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (temporal instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        return temporal == null ? null : ((LocalDate) temporal).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private Instant parsed(String text) {
        if (text == null) {
            return null;
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw new Rejected("bad timestamp '" + shortened(text) + "' in column '" + time.label()
                    + "': expected ISO-8601 with Z or an offset, e.g. 2026-03-01T10:00:00Z");
        }
    }

    /** The trimmed text of a column; null when NULL or blank. */
    private String text(ResultSet row, Column column) throws SQLException {
        String text = row.getString(column.index());
        if (text == null) {
            return null;
        }
        checkLength(column, text);
        text = text.trim();
        return text.isEmpty() ? null : text;
    }

    private Map<String, Object> values(ResultSet row, List<Column> columns) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Column column : columns) {
            Object value = column.value(row);
            if (value instanceof String text) {
                checkLength(column, text);
            }
            if (value != null) {
                values.put(column.name(), value);
            }
        }
        return values;
    }

    private void checkLength(Column column, String text) {
        if (text.length() > maxChars) {
            throw new Rejected("column '" + column.label() + "' holds " + text.length() + " characters, more than"
                    + " setting '" + MAX_VALUE_CHARS.name() + "' allows (" + maxChars + ")");
        }
    }

    /** The row as {@code label=value, …} for the dead-letter output, shortened. */
    String describe(ResultSet row) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (Column column : columns.all()) {
            String value = row.getString(column.index());
            parts.add(column.label() + "=" + (value == null ? "NULL" : shortened(value)));
        }
        String record = String.join(", ", parts);
        return record.length() > MAX_RECORD_CHARS ? record.substring(0, MAX_RECORD_CHARS) + "…" : record;
    }

    private static String shortened(String value) {
        return value.length() > MAX_SHOWN_VALUE_CHARS ? value.substring(0, MAX_SHOWN_VALUE_CHARS) + "…" : value;
    }

    /** A row that cannot be a fact; the message is the reason. */
    private static final class Rejected extends RuntimeException {

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
