package io.lifestage.plugin.salesforce;

import io.lifestage.api.spi.ConnectorException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Salesforce's spellings: SOQL literals and lists of names, and the date-times its API answers. */
final class Soql {

    /** {@code 2026-03-01T10:00:00.000+0000}, as the REST API writes date-times; ISO-8601 is read too. */
    private static final DateTimeFormatter ANSWERED = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]").appendPattern("[XXX][XX][X]").toFormatter();

    private Soql() {
    }

    /** A date-time literal, to the second: SOQL has no fractions of a second. */
    static String literal(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A string literal: quoted, with backslashes and quotes escaped. */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code ('a','b')}. */
    static String list(Collection<String> texts) {
        return texts.stream().map(Soql::literal).collect(Collectors.joining(",", "(", ")"));
    }

    /** The names of a comma-separated setting, trimmed, without blanks or repeats. */
    static List<String> names(String setting) {
        return Arrays.stream(setting.split(",")).map(String::trim).filter(name -> !name.isEmpty()).distinct()
                .toList();
    }

    /** A date-time as the API answers it. */
    static Instant instant(String value, String what) {
        try {
            return OffsetDateTime.parse(value, ANSWERED).toInstant();
        } catch (DateTimeParseException e) {
            throw ConnectorException.fatal("Salesforce answered a " + what + " of '" + value + "', not a date-time",
                    e);
        }
    }
}
