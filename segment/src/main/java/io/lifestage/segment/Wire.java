package io.lifestage.segment;

import io.lifestage.api.Transition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How decisions and transitions spell their values as text, the same in every output: the file, jdbc, http, kafka
 * and spool sinks, the Kafka Streams node and the HTTP API. Enum constants are lower case with underscores
 * ({@code allowed}, {@code kept_against_policy}, {@code refused}), as the HTTP API's OpenAPI document declares them;
 * lists are JSON arrays in JSON outputs ({@link RecordJson}) and joined by {@code ,} in flat outputs (a CSV cell, a
 * table column); instants are ISO-8601 in UTC, as {@link Instant#toString} writes them.
 */
public final class Wire {

    private static final String LIST_SEPARATOR = ",";
    private static final long SECONDS_PER_DAY = 86_400;
    /** The first second of the year 10000: from there on, and before the year 0, {@link Instant#toString} signs it. */
    private static final long YEAR_10000 = 253_402_300_800L;
    private static final long YEAR_0 = -62_167_219_200L;
    /** Each enum type's constants as spelled, by ordinal: spelled once, not per record written. */
    private static final ClassValue<String[]> NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        }
    };

    private Wire() {
    }

    /** An enum constant as every output spells it: {@code KEPT_AGAINST_POLICY} is {@code kept_against_policy}. */
    public static String name(Enum<?> constant) {
        return NAMES.get(constant.getDeclaringClass())[constant.ordinal()];
    }

    /** A list as a flat output (a CSV cell, a table column) holds it: the values joined by {@code ,}. */
    public static String list(List<String> values) {
        return String.join(LIST_SEPARATOR, values);
    }

    /**
     * An instant as every output spells it, the same text as {@link Instant#toString}:
     * {@code 2026-05-17T09:03:35Z}, with three, six or nine digits of fraction when it has one. Written by hand for
     * the years 0 to 9999, where the JDK's formatter cost a first run at a million a fifth of its delivering.
     */
    public static String instant(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < YEAR_0 || seconds >= YEAR_10000) {
            return instant.toString();
        }
        int nanos = instant.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] text = new char[fraction == 0 ? 20 : 21 + fraction];
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int second = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, second / 3600, 2);
        text[13] = ':';
        digits(text, 14, second / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, second % 60, 2);
        if (fraction > 0) {
            text[19] = '.';
            digits(text, 20, nanos / (fraction == 3 ? 1_000_000 : fraction == 6 ? 1_000 : 1), fraction);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    /** Writes {@code value} as {@code count} decimal digits, zero-padded, from {@code at}. */
    private static void digits(char[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * A transition's policy as an output spells it. Also reads the spellings of earlier versions, so that stored
     * outputs can be read back: {@code kept-against-policy} (webhook, jdbc and kafka sinks) and
     * {@code KEPT_AGAINST_POLICY} (file and spool sinks).
     *
     * @throws IllegalArgumentException naming the text when it is no policy in any of these spellings
     */
    public static Transition.Policy policy(String text) {
        String constant = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Transition.Policy policy : Transition.Policy.values()) {
            if (policy.name().equals(constant)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a transition policy; expected allowed,"
                + " kept_against_policy or refused");
    }
}
