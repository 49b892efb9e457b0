package io.lifestage.api.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses the durations of {@link ConfigKey.Type#DURATION} settings. */
public final class Durations {

    private Durations() {
    }

    /**
     * Parses {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or an ISO-8601 duration such as
     * {@code PT30S}.
     *
     * @throws IllegalArgumentException naming the value when it is none of these
     */
    public static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            Duration parsed = switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> null;
            };
            if (parsed != null && !parsed.isNegative()) {
                return parsed;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + value + "' is not a duration (examples: 500ms, 30s, 5m, 2h, PT30S)");
    }
}
