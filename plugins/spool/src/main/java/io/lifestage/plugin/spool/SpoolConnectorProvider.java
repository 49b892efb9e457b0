package io.lifestage.plugin.spool;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.util.List;
import java.util.Optional;

/**
 * The {@code spool} connector: a source that reads one Segment call per {@code .json} file dropped into a
 * directory, in file-name order, and a sink that writes each transition as one {@code .json} file into a directory,
 * for another program to pick up. The plugin to copy for a new connector; its README says how.
 */
public final class SpoolConnectorProvider implements ConnectorProvider {

    static final ConfigKey SOURCE_DIRECTORY = ConfigKey.required("directory", ConfigKey.Type.PATH,
            "The directory producers drop .json files into.");
    static final ConfigKey BATCH_SIZE = ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "100",
            "Most files read per poll.").between(1, 100_000);

    static final ConfigKey SINK_DIRECTORY = ConfigKey.required("directory", ConfigKey.Type.PATH,
            "The directory each transition is written to, as <id>.json.");

    @Override
    public String type() {
        return "spool";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<>(List.of(SOURCE_DIRECTORY, BATCH_SIZE), SpoolSource::new));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<>(List.of(SINK_DIRECTORY), SpoolSink::new));
    }
}
