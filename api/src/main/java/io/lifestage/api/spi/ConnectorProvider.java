package io.lifestage.api.spi;

/**
 * Entry point of a connector plugin, found through {@code META-INF/services}. It names its type (the value of
 * {@code lifestage.source.<name>.type} that selects it) and makes a new source or sink per configured use.
 * A provider that only reads, or only writes, leaves the other method as it is.
 */
public interface ConnectorProvider {

    /** The connector type, for example {@code file}: lower case, unique among installed plugins. */
    String type();

    /** A new, unstarted source of this type. */
    default Source newSource() {
        throw new UnsupportedOperationException("connector type '" + type() + "' has no source");
    }

    /** A new, unstarted sink of this type. */
    default Sink newSink() {
        throw new UnsupportedOperationException("connector type '" + type() + "' has no sink");
    }
}
