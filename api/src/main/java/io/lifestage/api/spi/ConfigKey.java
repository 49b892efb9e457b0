package io.lifestage.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One setting a connector declares, so that the engine can check a configuration before anything starts and list
 * every problem at once: an unknown key, a missing required key, a value of the wrong type, not among the choices or
 * out of the range.
 * Values of {@link #secret() secret} keys are never logged or shown in messages.
 *
 * <pre>{@code
 * List.of(ConfigKey.required("url", ConfigKey.Type.URL, "Base URL of the API"),
 *         ConfigKey.optional("page-size", ConfigKey.Type.INTEGER, "100", "Records asked for per request")
 *                 .between(1, 1000),
 *         ConfigKey.choice("format", "The payload format", "json", "csv"),
 *         ConfigKey.optional("token", ConfigKey.Type.STRING, null, "Bearer token").asSecret())
 * }</pre>
 *
 * @param name         the key under {@code lifestage.source.<name>.} or {@code lifestage.sink.<name>.}, lower case
 *                     words joined by dashes
 * @param type         what the value must parse as
 * @param defaultValue the value when none is configured, or null for none
 * @param required     whether the connector cannot start without a value
 * @param secret       whether the value is a credential, never to be logged
 * @param choices      the allowed values, as written, or empty for any value of the type
 * @param description  one sentence for the configuration reference
 * @param range        the smallest and largest value of an {@link Type#INTEGER INTEGER} key, or null for any
 */
public record ConfigKey(String name, Type type, String defaultValue, boolean required, boolean secret,
                        List<String> choices, String description, Range range) {

    /**
     * The values an {@link Type#INTEGER INTEGER} key allows, both ends included.
     *
     * @param min the smallest value allowed
     * @param max the largest value allowed
     */
    public record Range(long min, long max) {

        /** Refuses a range whose {@code min} is above its {@code max}. */
        public Range {
            if (min > max) {
                throw new IllegalArgumentException("a range from " + min + " to " + max + " holds no value");
            }
        }

        /** Whether the value lies in the range. */
        public boolean contains(long value) {
            return value >= min && value <= max;
        }

        /** {@code from 1 to 100000}. */
        @Override
        public String toString() {
            return "from " + min + " to " + max;
        }
    }

    /** The kinds of value a setting holds; the engine checks each configured value against its key's type. */
    public enum Type {
        /** Any text. */
        STRING,
        /** A whole number ({@code long} range). */
        INTEGER,
        /** A number, for example {@code 0.5}. */
        DECIMAL,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /**
         * An ISO-8601 duration ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m},
         * {@code 2h}.
         */
        DURATION,
        /** An absolute {@code http} or {@code https} URL. */
        URL,
        /** A file system path. */
        PATH
    }

    /**
     * Checks the key: a required key has no default, only an {@link Type#INTEGER INTEGER} key has a range, and a
     * default lies in it.
     */
    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("key '" + name + "' is required and cannot have a default");
        }
        if (range != null && type != Type.INTEGER) {
            throw new IllegalArgumentException("key '" + name + "' is of type " + type + ": only an INTEGER key has a"
                    + " range");
        }
        if (range != null && defaultValue != null && !range.contains(Long.parseLong(defaultValue.trim()))) {
            throw new IllegalArgumentException("the default of key '" + name + "', " + defaultValue + ", is not "
                    + range);
        }
    }

    /** A key without a range, as declared before ranges existed. */
    public ConfigKey(String name, Type type, String defaultValue, boolean required, boolean secret,
                     List<String> choices, String description) {
        this(name, type, defaultValue, required, secret, choices, description, null);
    }

    /** A key the connector cannot start without. */
    public static ConfigKey required(String name, Type type, String description) {
        return new ConfigKey(name, type, null, true, false, List.of(), description, null);
    }

    /** A key with a default value (or none, when {@code defaultValue} is null). */
    public static ConfigKey optional(String name, Type type, String defaultValue, String description) {
        return new ConfigKey(name, type, defaultValue, false, false, List.of(), description, null);
    }

    /**
     * A string key whose value must be one of the choices, written exactly so; the first choice is the default.
     */
    public static ConfigKey choice(String name, String description, String... choices) {
        return new ConfigKey(name, Type.STRING, choices[0], false, false, List.of(choices), description, null);
    }

    /** This key, marked as holding a credential. */
    public ConfigKey asSecret() {
        return new ConfigKey(name, type, defaultValue, required, true, choices, description, range);
    }

    /**
     * This {@link Type#INTEGER INTEGER} key, allowing only values from {@code min} to {@code max}, both included: a
     * batch size, a number of attempts.
     *
     * @throws IllegalArgumentException when the key is of another type, {@code min} is above {@code max} or the
     *                                  default lies outside
     */
    public ConfigKey between(long min, long max) {
        return new ConfigKey(name, type, defaultValue, required, secret, choices, description, new Range(min, max));
    }

    /** The range of values, if the key has one. */
    public Optional<Range> rangeIfAny() {
        return Optional.ofNullable(range);
    }

    /** The default value, if any. */
    public Optional<String> defaultIfAny() {
        return Optional.ofNullable(defaultValue);
    }
}
