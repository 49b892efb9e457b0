package io.lifestage.engine.connect;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.Durations;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Checks a configured value against its declared key. */
final class ValueCheck {

    private ValueCheck() {
    }

    /**
     * What is wrong with the value, as the end of a sentence ({@code is not a whole number}, {@code is not from 1 to
     * 100000}, {@code is not one of jsonl, csv}); empty when it fits.
     */
    static Optional<String> problem(ConfigKey key, String value) {
        String text = value.trim();
        if (!key.choices().isEmpty()) {
            return key.choices().contains(text) ? Optional.empty()
                    : Optional.of("is not one of " + String.join(", ", key.choices()));
        }
        boolean fits = switch (key.type()) {
            case STRING -> true;
            case INTEGER -> parses(() -> Long.parseLong(text));
            case DECIMAL -> parses(() -> new BigDecimal(text));
            case BOOLEAN -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
            case DURATION -> parses(() -> Durations.parse(text));
            case URL -> isHttpUrl(text);
            case PATH -> parses(() -> Path.of(text));
        };
        if (!fits) {
            return Optional.of("is not " + expected(key.type()));
        }
        return key.rangeIfAny().filter(range -> !range.contains(Long.parseLong(text)))
                .map(range -> "is not " + range);
    }

    private static String expected(ConfigKey.Type type) {
        return switch (type) {
            case STRING -> "text";
            case INTEGER -> "a whole number";
            case DECIMAL -> "a number (for example 0.5)";
            case BOOLEAN -> "true or false";
            case DURATION -> "a duration (for example 500ms, 30s, 5m, 2h or PT30S)";
            case URL -> "an absolute http or https URL (for example https://api.example.com/v1)";
            case PATH -> "a valid file system path";
        };
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
