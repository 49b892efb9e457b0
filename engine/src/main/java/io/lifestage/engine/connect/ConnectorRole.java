package io.lifestage.engine.connect;

import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import java.util.Locale;
import java.util.Optional;

/**
 * What a configured connector does: read facts ({@code lifestage.sources}) or write results
 * ({@code lifestage.sinks}).
 */
public enum ConnectorRole {
    /** Listed in {@code lifestage.sources}, configured under {@code lifestage.source.<name>.}. */
    SOURCE("source"),
    /** Listed in {@code lifestage.sinks}, configured under {@code lifestage.sink.<name>.}. */
    SINK("sink");

    private final String word;

    ConnectorRole(String word) {
        this.word = word;
    }

    /** {@code source} or {@code sink}. */
    public String word() {
        return word;
    }

    /** The key listing the enabled connectors of this role: {@code lifestage.sources}. */
    public String listKey() {
        return "lifestage." + word + "s";
    }

    /** The prefix of every connector's keys: {@code lifestage.source.}. */
    public String prefix() {
        return "lifestage." + word + ".";
    }

    /** The prefix of one connector's keys: {@code lifestage.source.<name>.}. */
    public String prefix(String name) {
        return prefix() + name + ".";
    }

    /** The prefix of environment variables setting a connector's keys: {@code LIFESTAGE_SOURCE_}. */
    String environmentPrefix() {
        return environmentName(prefix());
    }

    /** The environment variable form of a key: upper case, every other character than a letter or digit a {@code _}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** What the provider offers in this role, if it plays it. */
    Optional<? extends ConnectorDescriptor<?>> descriptor(ConnectorProvider provider) {
        return this == SOURCE ? provider.source() : provider.sink();
    }
}
