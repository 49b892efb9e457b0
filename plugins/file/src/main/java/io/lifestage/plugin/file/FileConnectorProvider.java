package io.lifestage.plugin.file;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.util.List;
import java.util.Optional;

/**
 * The {@code file} connector: a source of Segment-style JSON lines or CSV profiles and events, and a sink of
 * decisions or transitions as JSON lines or CSV. Settings are listed in this module's README.
 */
public final class FileConnectorProvider implements ConnectorProvider {

    @Override
    public String type() {
        return "file";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<>(List.of(
                ConfigKey.required("path", ConfigKey.Type.PATH, "The file to read."),
                ConfigKey.choice("format", "jsonl for Segment-style JSON lines, csv for a CSV file with a header row.",
                        "jsonl", "csv"),
                ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "1000", "Most facts returned per poll.")
                        .between(1, Integer.MAX_VALUE),
                ConfigKey.optional("follow", ConfigKey.Type.BOOLEAN, "false",
                        "Whether to wait for lines appended to the file instead of ending at its end."),
                ConfigKey.choice("kind", "What the rows of a CSV file are: events, or profiles of a CRM export.",
                        "events", "profiles"),
                ConfigKey.optional("id-column", ConfigKey.Type.STRING, null,
                        "The CSV column of the customer id; user_id for events, id for profiles when not set."),
                ConfigKey.optional("event-column", ConfigKey.Type.STRING, "event",
                        "The CSV column of the event name, for events."),
                ConfigKey.optional("time-column", ConfigKey.Type.STRING, "timestamp",
                        "The CSV column of the event time, ISO-8601 with Z or an offset, for events."),
                ConfigKey.optional("updated-column", ConfigKey.Type.STRING, "updated_at",
                        "The CSV column of when the CRM last changed the record, for profiles."),
                ConfigKey.optional("delimiter", ConfigKey.Type.STRING, ",",
                        "The one character between the fields of a CSV file."),
                ConfigKey.optional("encoding", ConfigKey.Type.STRING, "UTF-8",
                        "The character set of a CSV file, for example windows-1252 for older CRM exports."),
                ConfigKey.optional("max-field-chars", ConfigKey.Type.INTEGER, "65536",
                        "Most characters in one CSV field; a longer field rejects its record.")
                        .between(1, Integer.MAX_VALUE)), FileSource::new));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<>(List.of(
                ConfigKey.required("path", ConfigKey.Type.STRING, "The output file, or - for standard output."),
                ConfigKey.choice("format", "The output format.", "jsonl", "csv"),
                ConfigKey.choice("content", "What this sink writes: decisions, transitions, or the actions due"
                        + " with their payloads.", "decisions", "transitions", "actions"),
                ConfigKey.choice("mode", "replace to start a new file, append to add to an existing one.",
                        "replace", "append")), FileSink::new));
    }
}
