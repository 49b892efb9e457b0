package io.lifestage.api.spi;

import java.util.Optional;

/**
 * A connector's only way back into the engine: its configuration and the reject channel.
 * Given to {@link Source#start} and {@link Sink#start}; valid until the connector is closed.
 */
public interface ConnectorContext {

    /** The name the configuration gives this connector, used in messages and rejects. */
    String name();

    /** The value of one of this connector's settings, if set. */
    Optional<String> setting(String key);

    /**
     * The value of a setting the connector cannot work without.
     *
     * @throws ConnectorException naming the connector and the key when it is not set
     */
    default String requiredSetting(String key) {
        return setting(key).orElseThrow(() -> new ConnectorException(
                "connector '" + name() + "': required setting '" + key + "' is missing", false));
    }

    /**
     * Hands a record that cannot be used to the dead-letter output, with where it was and why.
     * The run goes on; the engine counts the rejects and reports them.
     */
    void reject(Rejection rejection);
}
