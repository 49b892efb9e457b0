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

    static final String DIRECTORY = "directory";
    static final String BATCH_SIZE = "batch-size";

    @Override
    public String type() {
        return "spool";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<>(List.of(
                ConfigKey.required(DIRECTORY, ConfigKey.Type.PATH, "The directory producers drop .json files into."),
                ConfigKey.optional(BATCH_SIZE, ConfigKey.Type.INTEGER, "100", "Most files read per poll.")
                        .between(1, 100_000)),
                SpoolSource::new));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<>(List.of(ConfigKey.required(DIRECTORY, ConfigKey.Type.PATH,
                "The directory each transition is written to, as <id>.json.")), SpoolSink::new));
    }
}
