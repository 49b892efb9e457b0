package io.lifestage.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One setting a connector declares, so that the engine can check a configuration before anything starts and list
 * every problem at once: an unknown key, a missing required key, a value of the wrong type or not among the choices.
 * Values of {@link #secret() secret} keys are never logged or shown in messages.
 *
 * <pre>{@code
 * List.of(ConfigKey.required("url", ConfigKey.Type.URL, "Base URL of the API"),
 *         ConfigKey.optional("page-size", ConfigKey.Type.INTEGER, "100", "Records asked for per request"),
 *         ConfigKey.optional("token", ConfigKey.Type.STRING, null, "Bearer token").asSecret())
 * }</pre>
 *
 * @param name         the key under {@code lifestage.source.<name>.} or {@code lifestage.sink.<name>.}, lower case
 *                     words joined by dashes
 * @param type         what the value must parse as
 * @param defaultValue the value when none is configured, or null for none
 * @param required     whether the connector cannot start without a value
 * @param secret       whether the value is a credential, never to be logged
 * @param choices      the allowed values, or empty for any value of the type
 * @param description  one sentence for the configuration reference
 */
public record ConfigKey(String name, Type type, String defaultValue, boolean required, boolean secret,
                        List<String> choices, String description) {

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
        /** An ISO-8601 duration ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}. */
        DURATION,
        /** An absolute {@code http} or {@code https} URL. */
        URL,
        /** A file system path. */
        PATH
    }

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("key '" + name + "' is required and cannot have a default");
        }
    }

    /** A key the connector cannot start without. */
    public static ConfigKey required(String name, Type type, String description) {
        return new ConfigKey(name, type, null, true, false, List.of(), description);
    }

    /** A key with a default value (or none, when {@code defaultValue} is null). */
    public static ConfigKey optional(String name, Type type, String defaultValue, String description) {
        return new ConfigKey(name, type, defaultValue, false, false, List.of(), description);
    }

    /** A string key whose value must be one of the choices; the first choice is the default. */
    public static ConfigKey choice(String name, String description, String... choices) {
        return new ConfigKey(name, Type.STRING, choices[0], false, false, List.of(choices), description);
    }

    /** This key, marked as holding a credential. */
    public ConfigKey asSecret() {
        return new ConfigKey(name, type, defaultValue, required, true, choices, description);
    }

    /** The default value, if any. */
    public Optional<String> defaultIfAny() {
        return Optional.ofNullable(defaultValue);
    }
}
