package io.lifestage.plugin.jdbc;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import java.util.Optional;

/**
 * Reads and checks this connector's settings, relying on the defaults the engine fills in from the declared keys,
 * and words failures so that they name the key. Every failure here is final: none is retriable.
 */
final class Settings {

    private Settings() {
    }

    /** A setting that may be absent; blank counts as absent. */
    static Optional<String> optional(ConnectorContext context, ConfigKey key) {
        return context.setting(key.name()).map(String::trim).filter(value -> !value.isEmpty());
    }

}
