package io.lifestage.api.spi;

import io.lifestage.api.StageModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A connector's only way back into the engine: its checked configuration, a logger, the reject channel and, for a
 * source, the position to resume from. Given to {@link Source#start} and {@link Sink#start}; valid until the
 * connector is closed.
 *
 * <p>Every value has been checked against the connector's {@link ConfigKey declared keys} before {@code start}, and
 * defaults are filled in, so the typed getters below do not fail for a declared key.
 */
public interface ConnectorContext {

    /** The name the configuration gives this connector ({@code crm} in {@code lifestage.source.crm.type}). */
    String name();

    /**
     * The value of one of this connector's settings by its name, or its declared default; empty when neither exists.
     * For a key whose name is made at run time; read a declared key through {@link #setting(ConfigKey)} and the
     * typed getters, which take the constant that declares it.
     */
    Optional<String> setting(String key);

    /** The value of a declared setting, or the default its key declares; empty when neither exists. */
    default Optional<String> setting(ConfigKey key) {
        return setting(key.name()).or(key::defaultIfAny);
    }

    /**
     * The value of a setting that may be left out, without surrounding white space; empty when it is blank, or when
     * it is not set and its key declares no default.
     */
    default Optional<String> nonBlankSetting(ConfigKey key) {
        return setting(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    /**
     * The value of a setting the connector cannot work without.
     *
     * @throws ConnectorException naming the key when it is not set and has no default; never retriable
     */
    default String requiredSetting(ConfigKey key) {
        return setting(key).orElseThrow(() -> ConnectorException.fatal("required setting '" + key.name()
                + "' is missing"));
    }

    /**
     * A setting declared {@link ConfigKey.Type#INTEGER}, as an {@code int}: declare a range within an {@code int}'s
     * ({@link ConfigKey#between}) for a count such as a batch size or a number of attempts, and the engine refuses a
     * value outside it before the connector starts.
     *
     * @throws ConnectorException naming the key and the value when it is missing or not such a number; never
     *                            retriable
     */
    default int integerSetting(ConfigKey key) {
        return parsedSetting(key, value -> Integer.parseInt(value.trim()),
                "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
    }

    /**
     * A setting declared {@link ConfigKey.Type#DECIMAL}.
     *
     * @throws ConnectorException naming the key and the value when it is missing or not a number; never retriable
     */
    default double decimalSetting(ConfigKey key) {
        return parsedSetting(key, value -> Double.parseDouble(value.trim()), "a number");
    }

    /**
     * A setting declared {@link ConfigKey.Type#BOOLEAN}.
     *
     * @throws ConnectorException naming the key and the value when it is missing or neither {@code true} nor
     *                            {@code false}; never retriable
     */
    default boolean booleanSetting(ConfigKey key) {
        String value = requiredSetting(key);
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalidSetting(key, value, "true or false");
        };
    }

    /**
     * A setting declared {@link ConfigKey.Type#DURATION}, in any form {@link Durations#parse} reads.
     *
     * @throws ConnectorException naming the key and the value when it is missing or not a duration; never retriable
     */
    default Duration durationSetting(ConfigKey key) {
        return parsedSetting(key, Durations::parse, "a duration such as 500ms, 30s, 5m, 2h or PT30S");
    }

    /**
     * A setting declared {@link ConfigKey.Type#PATH}, as a path of the default file system, not resolved.
     *
     * @throws ConnectorException naming the key and the value when it is missing or not a valid path; never retriable
     */
    default Path pathSetting(ConfigKey key) {
        return parsedSetting(key, Path::of, "a valid file system path");
    }

    /**
     * For a source: the position it reported when the last run committed, to resume just after it; empty on the
     * first run, and always empty for a sink.
     */
    Optional<String> resumePosition();

    /**
     * For a sink: the stages of the rule pack in service when it started, in funnel order, so that a sink that keeps
     * one stage per customer (a CRM field) can tell a move backward ({@link StageModel#isBackward}) without repeating
     * the pack's order. Empty for a source, and in a host without a rule pack.
     */
    default Optional<StageModel> stageModel() {
        return Optional.empty();
    }

    /** The logger to use; it reaches the engine's log with the connector's name. Never log secret settings. */
    System.Logger logger();

    /**
     * Hands a record that cannot be used to the dead-letter output, with where it was and why.
     * The run goes on; the engine counts the rejects and reports them in the run summary.
     */
    void reject(Rejection rejection);

    /**
     * A setting read by {@code parse}, which throws an {@link IllegalArgumentException} (a
     * {@link NumberFormatException}, an {@link java.nio.file.InvalidPathException}) for a value it cannot read.
     */
    private <T> T parsedSetting(ConfigKey key, Function<String, T> parse, String expected) {
        String value = requiredSetting(key);
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw invalidSetting(key, value, expected);
        }
    }

    /** {@code setting 'timeout' must be a duration such as 500ms, 30s, 5m, 2h or PT30S, got 'soon'}. */
    private static ConnectorException invalidSetting(ConfigKey key, String value, String expected) {
        return ConnectorException.fatal("setting '" + key.name() + "' must be " + expected + ", got '"
                + (key.secret() ? "(secret)" : value) + "'");
    }
}
