package io.lifestage.plugin.file;

import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import java.util.Set;

/** Reads and checks this connector's settings, failing with the connector, key and allowed values. */
final class Settings {

    private Settings() {
    }

    static String oneOf(ConnectorContext context, String key, String fallback, Set<String> allowed) {
        String value = context.setting(key).orElse(fallback);
        if (!allowed.contains(value)) {
            throw new ConnectorException("connector '" + context.name() + "': setting '" + key + "' is '" + value
                    + "', expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)), false);
        }
        return value;
    }

    static int positive(ConnectorContext context, String key, int fallback) {
        String value = context.setting(key).orElse(String.valueOf(fallback));
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConnectorException("connector '" + context.name() + "': setting '" + key + "' must be a"
                + " positive whole number, got '" + value + "'", false);
    }
}
