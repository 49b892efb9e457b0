package io.lifestage.engine.connect;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.Durations;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Checks a configured value against its declared key, and finds the declared name closest to a misspelt one. */
final class ValueCheck {

    private ValueCheck() {
    }

    /** What is wrong with the value, as the end of a sentence ({@code is not a whole number}); empty when it fits. */
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
        return fits ? Optional.empty() : Optional.of("is not " + expected(key.type()));
    }

    /** The candidate a typo most likely meant: at most two edits away, or a third of its length for long names. */
    static Optional<String> closest(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(wrong.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(2, wrong.length() / 3) ? Optional.of(best) : Optional.empty();
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

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
