package io.lifestage.engine.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a declared customer attribute ({@code lifestage.metrics.attributes.<name>=<kind>:<path>}) takes its value
 * from: {@code trait:plan} (the latest value of a trait), {@code first-trait:plan} (its first value),
 * {@code first-touch:properties.utm_source} and {@code last-touch:properties.utm_source} (the value on the first or
 * latest event that carries the property; a dotted path reads nested objects).
 *
 * @param kind which value of the source is kept
 * @param path the trait name, or the property's path below {@code properties}
 */
public record AttributeSource(Kind kind, List<String> path) {

    /** Which value an attribute keeps. */
    public enum Kind {
        /** The latest value of a trait, from profiles and identify calls. */
        TRAIT("trait", true),
        /** The first value of a trait. */
        FIRST_TRAIT("first-trait", false),
        /** The value of an event property on the first event carrying it. */
        FIRST_TOUCH("first-touch", false),
        /** The value of an event property on the latest event carrying it. */
        LAST_TOUCH("last-touch", true);

        private final String prefix;
        private final boolean latest;

        Kind(String prefix, boolean latest) {
            this.prefix = prefix;
            this.latest = latest;
        }

        /** Whether a later value replaces an earlier one. */
        public boolean keepsLatest() {
            return latest;
        }

        /** Whether the value is read from traits rather than from event properties. */
        public boolean readsTraits() {
            return this == TRAIT || this == FIRST_TRAIT;
        }
    }

    private static final String PROPERTIES = "properties.";

    /**
     * Parses {@code <kind>:<path>}.
     *
     * @throws IllegalArgumentException naming what is wrong, when the text is not such a source
     */
    public static AttributeSource parse(String text) {
        String source = text == null ? "" : text.strip();
        int colon = source.indexOf(':');
        String prefix = colon < 0 ? "" : source.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String path = colon < 0 ? "" : source.substring(colon + 1).strip();
        for (Kind kind : Kind.values()) {
            if (kind.prefix.equals(prefix) && !path.isEmpty()) {
                return new AttributeSource(kind, kind.readsTraits() ? List.of(path) : propertyPath(path, text));
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an attribute source: write trait:<trait>,"
                + " first-trait:<trait>, first-touch:properties.<property> or last-touch:properties.<property>");
    }

    private static List<String> propertyPath(String path, String text) {
        if (!path.startsWith(PROPERTIES) || path.length() == PROPERTIES.length()) {
            throw new IllegalArgumentException("'" + text + "' reads '" + path + "': a touch reads an event"
                    + " property, written properties.<property> (context fields are not kept by ingestion)");
        }
        return List.of(path.substring(PROPERTIES.length()).split("\\."));
    }

    /** The value this source finds in a map of traits or properties, as a string; null when it is absent. */
    public String valueIn(Map<String, Object> map) {
        Object value = map;
        for (String key : path) {
            if (!(value instanceof Map<?, ?> nested)) {
                return null;
            }
            value = nested.get(key);
        }
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && !Double.isInfinite(number.doubleValue())) {
            return Long.toString(number.longValue());
        }
        String string = value.toString().strip();
        return string.isEmpty() ? null : string;
    }
}
