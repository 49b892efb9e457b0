package io.lifestage.plugin.file;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.util.List;

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
    public boolean hasSource() {
        return true;
    }

    @Override
    public boolean hasSink() {
        return true;
    }

    @Override
    public List<ConfigKey> sourceKeys() {
        return List.of(
                ConfigKey.required("path", ConfigKey.Type.PATH, "The JSON lines file to read."),
                ConfigKey.choice("format", "The file format.", "jsonl"),
                ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "1000", "Most facts returned per poll."));
    }

    @Override
    public List<ConfigKey> sinkKeys() {
        return List.of(
                ConfigKey.required("path", ConfigKey.Type.STRING, "The output file, or - for standard output."),
                ConfigKey.choice("format", "The output format.", "jsonl", "csv"));
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
