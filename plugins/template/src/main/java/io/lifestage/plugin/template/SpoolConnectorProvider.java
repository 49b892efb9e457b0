package io.lifestage.plugin.template;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.util.List;

/**
 * The {@code spool} connector: a source that reads one Segment call per {@code .json} file dropped into a
 * directory, in file-name order, and a sink that writes each transition as one {@code .json} file into a directory,
 * for another program to pick up. The plugin to copy for a new connector; its README says how.
 */
public final class SpoolConnectorProvider implements ConnectorProvider {

    static final String DIRECTORY = "directory";
    static final String BATCH_SIZE = "batch-size";

    @Override
    public String type() {
        return "spool";
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
                ConfigKey.required(DIRECTORY, ConfigKey.Type.PATH, "The directory producers drop .json files into."),
                ConfigKey.optional(BATCH_SIZE, ConfigKey.Type.INTEGER, "100", "Most files read per poll."));
    }

    @Override
    public List<ConfigKey> sinkKeys() {
        return List.of(ConfigKey.required(DIRECTORY, ConfigKey.Type.PATH,
                "The directory each transition is written to, as <id>.json."));
    }

    @Override
    public Source newSource() {
        return new SpoolSource();
    }

    @Override
    public Sink newSink() {
        return new SpoolSink();
    }
}
