package io.lifestage.plugin.file;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns CSV rows into facts by the roles the header gives its columns: a CRM contacts export into
 * {@link CustomerProfile profiles} (id, updated-at, traits), or an event log into track {@link Event events} (id,
 * event name, timestamp, properties). Every other non-empty value is kept, typed: whole numbers without leading zeros
 * as {@code Long} (so that zip codes and phone numbers stay text), decimals as {@code Double}, {@code true} and
 * {@code false} as {@code Boolean}, anything else as text.
 */
final class CsvFacts {

    /**
     * What a row became.
     *
     * @param fact      the fact, or null when rejected
     * @param rejection why the row was rejected, or null
     */
    record Row(Fact fact, String rejection) {
    }

    private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+");

    private final List<String> header;
    private final int id;
    private final int time;
    private final int event;

    private CsvFacts(List<String> header, int id, int time, int event) {
        this.header = header;
        this.id = id;
        this.time = time;
        this.event = event;
    }

    /**
     * The mapping of a header; {@code eventColumn} is null for profiles.
     *
     * @throws IllegalArgumentException naming the column, its setting and the header when a column is missing or
     *                                  named twice
     */
    static CsvFacts of(List<String> header, String idColumn, String timeColumn, String eventColumn) {
        List<String> names = header.stream().map(String::trim).toList();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!name.isEmpty() && !seen.add(name)) {
                throw new IllegalArgumentException("column '" + name + "' appears twice in the header " + names);
            }
        }
        int event = eventColumn == null ? -1 : column(names, eventColumn, "event-column");
        return new CsvFacts(names, column(names, idColumn, "id-column"), column(names, timeColumn,
                eventColumn == null ? "updated-column" : "time-column"), event);
    }

    private static int column(List<String> names, String column, String setting) {
        int index = names.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("the header has no column '" + column + "' (setting '" + setting
                    + "'); it has " + names);
        }
        return index;
    }

    /** The fact of one row, or why it cannot be one. */
    Row toFact(List<String> fields) {
        if (fields.size() != header.size()) {
            return rejected(fields.size() + " fields, expected " + header.size() + " as in the header");
        }
        String customerId = fields.get(id).trim();
        if (customerId.isEmpty()) {
            return rejected("missing id: column '" + header.get(id) + "' is empty");
        }
        String when = fields.get(time).trim();
        if (when.isEmpty()) {
            return rejected("missing time: column '" + header.get(time) + "' is empty");
        }
        Instant at = instant(when);
        if (at == null) {
            return rejected("bad timestamp '" + when + "' in column '" + header.get(time)
                    + "': expected ISO-8601 with Z or an offset, e.g. 2026-03-01T10:00:00Z");
        }
        String name = event < 0 ? null : fields.get(event).trim();
        if (name != null && name.isEmpty()) {
            return rejected("missing event name: column '" + header.get(event) + "' is empty");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (i != id && i != time && i != event && !header.get(i).isEmpty() && !fields.get(i).isEmpty()) {
                values.put(header.get(i), typed(fields.get(i)));
            }
        }
        return new Row(name == null ? new CustomerProfile(customerId, values, at)
                : Event.track(customerId, name, at, values), null);
    }

    private static Object typed(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        if (WHOLE.matcher(value).matches()) {
            return Long.valueOf(value);
        }
        if (DECIMAL.matcher(value).matches()) {
            return Double.valueOf(value);
        }
        return value;
    }

    private static Instant instant(String text) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Row rejected(String reason) {
        return new Row(null, reason);
    }
}
