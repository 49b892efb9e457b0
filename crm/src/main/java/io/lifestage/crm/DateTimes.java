package io.lifestage.crm;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Date-times as CRMs write them: ISO-8601 with {@code Z} or an offset, with or without milliseconds, and
 * Salesforce's {@code 2026-03-01T10:00:00.000+0000}. A CRM gives back a date-time the sink wrote in another
 * spelling, so a sink compares them as instants.
 */
public final class DateTimes {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]").appendPattern("[XXX][XX][X]").toFormatter();

    private DateTimes() {
    }

    /** The instant the text spells, if it spells one. */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, FORMAT).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether a field holding {@code current} holds {@code wanted}: the same text, or the same instant. */
    public static boolean same(String current, String wanted) {
        return current.equals(wanted) || parse(current).filter(at -> parse(wanted).equals(Optional.of(at)))
                .isPresent();
    }

    /**
     * The wanted field values that a record does not hold already, in their order, by {@link #same}.
     *
     * @param current the value a field of the record holds, empty when it holds none
     */
    public static Map<String, String> changed(Map<String, String> wanted, Function<String, String> current) {
        Map<String, String> changed = new LinkedHashMap<>();
        wanted.forEach((field, value) -> {
            if (!same(current.apply(field), value)) {
                changed.put(field, value);
            }
        });
        return changed;
    }
}
