package io.lifestage.api.spi;

import io.lifestage.api.StageModel;
import java.time.Duration;
import java.util.Optional;

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

    /** The value of one of this connector's settings, or its declared default; empty when neither exists. */
    Optional<String> setting(String key);

    /**
     * The value of a setting the connector cannot work without.
     *
     * @throws ConnectorException naming the key when it is not set; never retriable
     */
    default String requiredSetting(String key) {
        return setting(key).orElseThrow(() -> ConnectorException.fatal("required setting '" + key + "' is missing"));
    }

    /** A setting declared {@link ConfigKey.Type#INTEGER}. */
    default long integerSetting(String key) {
        return Long.parseLong(requiredSetting(key).trim());
    }

    /**
     * A setting declared {@link ConfigKey.Type#INTEGER} that counts something, such as a batch size or a number of
     * attempts: a whole number from 1 to {@link Integer#MAX_VALUE}.
     *
     * @throws ConnectorException naming the key and the value when it is missing, not such a number or below 1; never
     *                            retriable
     */
    default int positiveIntegerSetting(String key) {
        String value = requiredSetting(key);
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ConnectorException.fatal("setting '" + key + "' must be a positive whole number, got '" + value + "'");
    }

    /** A setting declared {@link ConfigKey.Type#DECIMAL}. */
    default double decimalSetting(String key) {
        return Double.parseDouble(requiredSetting(key).trim());
    }

    /** A setting declared {@link ConfigKey.Type#BOOLEAN}. */
    default boolean booleanSetting(String key) {
        return Boolean.parseBoolean(requiredSetting(key).trim());
    }

    /** A setting declared {@link ConfigKey.Type#DURATION}. */
    default Duration durationSetting(String key) {
        return Durations.parse(requiredSetting(key));
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
}
