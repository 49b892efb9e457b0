package io.lifestage.plugin.file;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;

/**
 * The {@code file} connector: a source of Segment-style JSON lines and a sink of decisions as JSON lines or CSV.
 * Settings are listed in this module's README.
 */
public final class FileConnectorProvider implements ConnectorProvider {

    @Override
    public String type() {
        return "file";
    }

    @Override
    public Source newSource() {
        return new FileSource();
    }

    @Override
    public Sink newSink() {
        return new FileSink();
    }
}
