package io.lifestage.plugin.salesforce;

import io.lifestage.api.spi.ConnectorException;
import io.lifestage.crm.DateTimes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Salesforce's spellings: SOQL literals and lists of names, and the date-times its API answers. */
final class Soql {

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

    /** A date-time as the API answers it: {@code 2026-03-01T10:00:00.000+0000}. */
    static Instant instant(String value, String what) {
        return DateTimes.parse(value).orElseThrow(() -> ConnectorException.fatal("Salesforce answered a " + what
                + " of '" + value + "', not a date-time"));
    }
}
