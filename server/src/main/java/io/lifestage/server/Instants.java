package io.lifestage.server;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Instants in requests: ISO-8601 ({@code 2026-11-01T00:00:00Z}) or a date meaning its start in UTC. */
final class Instants {

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
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("bad_timestamp", "'" + text + "' is not an ISO-8601 instant such as"
                    + " 2026-11-01T00:00:00Z or a date such as 2026-11-01").field(field);
        }
    }
}
