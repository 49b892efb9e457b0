package io.lifestage.server;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Instants in requests: ISO-8601 ({@code 2026-11-01T00:00:00Z}) or a date meaning its start in UTC, in the years 0001
 * to 9999 (what calls may carry too).
 */
final class Instants {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Instants() {
    }

    /**
     * Parses {@code text}, or returns {@code absent} when there is none.
     *
     * @throws ApiError a 400 naming {@code field} when the text is not an instant or a date
     */
    static Instant parse(String text, String field, Instant absent) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        Instant instant;
        try {
            instant = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("bad_timestamp", "'" + text + "' is not an ISO-8601 instant such as"
                    + " 2026-11-01T00:00:00Z or a date such as 2026-11-01").field(field);
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiError.badRequest("bad_timestamp", "'" + text + "' is outside the years 0001 to 9999")
                    .field(field);
        }
        return instant;
    }
}
