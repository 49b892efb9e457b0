package io.lifestage.engine.config;

import io.lifestage.api.Event;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a declared customer attribute ({@code lifestage.metrics.attributes.<name>=<kind>:<path>}) takes its value
 * from: {@code trait:plan} (the latest value of a trait), {@code first-trait:plan} (its first value),
 * {@code first-touch:properties.utm_source} and {@code last-touch:context.campaign.source} (the value on the first or
 * latest event that carries the property or context field; a dotted path reads nested objects), and
 * {@code count:Product Viewed[category=shoes]/30d} (how many such events, optionally only those whose property or
 * context field has the value, happened in the last 30 days).
 *
 * @param kind       which value of the source is kept
 * @param section    the map of a fact the path reads: traits, properties or context
 * @param path       the trait name, or the path below {@code properties} or {@code context}; for a count, the path
 *                   its condition reads, empty when it has none
 * @param event      the event name a count counts; null for other kinds
 * @param match      the value a count's condition asks for; null for other kinds and a count without condition
 * @param windowDays the window a count counts in, in days; 0 for other kinds
 */
public record AttributeSource(Kind kind, Section section, List<String> path, String event, String match,
                              int windowDays) {

    /** Which value an attribute keeps. */
    public enum Kind {
        /** The latest value of a trait, from profiles and identify calls. */
        TRAIT("trait"),
        /** The first value of a trait. */
        FIRST_TRAIT("first-trait"),
        /** The value of an event property or context field on the first event carrying it. */
        FIRST_TOUCH("first-touch"),
        /** The value of an event property or context field on the latest event carrying it. */
        LAST_TOUCH("last-touch"),
        /** How many events of a name (with a property or context value) happened within a window. */
        COUNT("count");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** Whether a later value replaces an earlier one. */
        public boolean keepsLatest() {
            return this == TRAIT || this == LAST_TOUCH;
        }
    }

    /** The map of a fact an attribute reads. */
    public enum Section {
        TRAITS, PROPERTIES, CONTEXT;

        /** This map of an event. */
        public Map<String, Object> of(Event event) {
            return switch (this) {
                case TRAITS -> event.traits();
                case PROPERTIES -> event.properties();
                case CONTEXT -> event.context();
            };
        }
    }

    private static final String PROPERTIES = "properties.";
    private static final String CONTEXT = "context.";
    private static final Pattern COUNT = Pattern.compile("([^\\[/]*)(?:\\[([^\\]=]*)=([^\\]]*)])?\\s*/\\s*(\\d+)d");

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
                return switch (kind) {
                    case TRAIT, FIRST_TRAIT -> new AttributeSource(kind, Section.TRAITS, List.of(path), null, null, 0);
                    case FIRST_TOUCH, LAST_TOUCH -> touch(kind, path, text);
                    case COUNT -> count(path, text);
                };
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an attribute source: write trait:<trait>,"
                + " first-trait:<trait>, first-touch:properties.<property>, last-touch:context.<field>"
                + " or count:<event>[<property>=<value>]/<days>d");
    }

    private static AttributeSource touch(Kind kind, String path, String text) {
        Section section = path.startsWith(PROPERTIES) ? Section.PROPERTIES
                : path.startsWith(CONTEXT) ? Section.CONTEXT : null;
        String below = section == null ? "" : path.substring(section == Section.PROPERTIES ? PROPERTIES.length()
                : CONTEXT.length());
        if (below.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' reads '" + path + "': a touch reads an event"
                    + " property or context field, written properties.<property> or context.<field>,"
                    + " e.g. context.campaign.source");
        }
        return new AttributeSource(kind, section, List.of(below.split("\\.")), null, null, 0);
    }

    private static AttributeSource count(String spec, String text) {
        Matcher count = COUNT.matcher(spec);
        if (!count.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a count: write count:<event>/<days>d or"
                    + " count:<event>[<property>=<value>]/<days>d, e.g. count:Product Viewed[category=shoes]/30d");
        }
        String event = count.group(1).strip();
        if (event.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no event to count before its window");
        }
        int days = count.group(4).length() > 6 ? 0 : Integer.parseInt(count.group(4));
        if (days < 1) {
            throw new IllegalArgumentException("'" + text + "' counts in a window of " + count.group(4)
                    + " days: the window must be a whole number of days from 1 to 999999");
        }
        if (count.group(2) == null) {
            return new AttributeSource(Kind.COUNT, Section.PROPERTIES, List.of(), event, null, days);
        }
        String path = count.group(2).strip();
        String match = count.group(3).strip();
        if (path.isEmpty() || match.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has the condition [" + count.group(2) + "="
                    + count.group(3) + "]: name a property (or context.<field>) and a value, e.g. [category=shoes]");
        }
        AttributeSource read = path.startsWith(PROPERTIES) || path.startsWith(CONTEXT)
                ? touch(Kind.COUNT, path, text) : touch(Kind.COUNT, PROPERTIES + path, text);
        return new AttributeSource(Kind.COUNT, read.section, read.path, event, match, days);
    }

    /** Whether an event is one this count counts. */
    public boolean counts(Event candidate) {
        return kind == Kind.COUNT && candidate.name().equals(event)
                && (match == null || match.equals(valueIn(section.of(candidate))));
    }

    /** The value this source finds in a map of traits, properties or context, as a string; null when it is absent. */
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
