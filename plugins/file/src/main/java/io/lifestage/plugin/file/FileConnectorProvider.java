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

    static final ConfigKey SOURCE_PATH = ConfigKey.required("path", ConfigKey.Type.PATH, "The file to read.");
    static final ConfigKey SOURCE_FORMAT = ConfigKey.choice("format",
            "jsonl for Segment-style JSON lines, csv for a CSV file with a header row.", "jsonl", "csv");
    static final ConfigKey BATCH_SIZE = ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "1000",
            "Most facts returned per poll.").between(1, Integer.MAX_VALUE);
    static final ConfigKey FOLLOW = ConfigKey.optional("follow", ConfigKey.Type.BOOLEAN, "false",
            "Whether to wait for lines appended to the file instead of ending at its end.");
    static final ConfigKey KIND = ConfigKey.choice("kind",
            "What the rows of a CSV file are: events, or profiles of a CRM export.", "events", "profiles");
    static final ConfigKey ID_COLUMN = ConfigKey.optional("id-column", ConfigKey.Type.STRING, null,
            "The CSV column of the customer id; user_id for events, id for profiles when not set.");
    static final ConfigKey EVENT_COLUMN = ConfigKey.optional("event-column", ConfigKey.Type.STRING, "event",
            "The CSV column of the event name, for events.");
    static final ConfigKey TIME_COLUMN = ConfigKey.optional("time-column", ConfigKey.Type.STRING, "timestamp",
            "The CSV column of the event time, ISO-8601 with Z or an offset, for events.");
    static final ConfigKey UPDATED_COLUMN = ConfigKey.optional("updated-column", ConfigKey.Type.STRING, "updated_at",
            "The CSV column of when the CRM last changed the record, for profiles.");
    static final ConfigKey DELIMITER = ConfigKey.optional("delimiter", ConfigKey.Type.STRING, ",",
            "The one character between the fields of a CSV file.");
    static final ConfigKey ENCODING = ConfigKey.optional("encoding", ConfigKey.Type.STRING, "UTF-8",
            "The character set of a CSV file, for example windows-1252 for older CRM exports.");
    static final ConfigKey MAX_FIELD_CHARS = ConfigKey.optional("max-field-chars", ConfigKey.Type.INTEGER, "65536",
            "Most characters in one CSV field; a longer field rejects its record.").between(1, Integer.MAX_VALUE);

    static final ConfigKey SINK_PATH = ConfigKey.required("path", ConfigKey.Type.PATH,
            "The output file, or - for standard output.");
    static final ConfigKey SINK_FORMAT = ConfigKey.choice("format", "The output format.", "jsonl", "csv");
    static final ConfigKey CONTENT = ConfigKey.choice("content", "What this sink writes: decisions, transitions, or"
            + " the actions due with their payloads.", "decisions", "transitions", "actions");
    static final ConfigKey MODE = ConfigKey.choice("mode",
            "replace to start a new file, append to add to an existing one.", "replace", "append");

    @Override
    public String type() {
        return "file";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<>(List.of(SOURCE_PATH, SOURCE_FORMAT, BATCH_SIZE, FOLLOW, KIND,
                ID_COLUMN, EVENT_COLUMN, TIME_COLUMN, UPDATED_COLUMN, DELIMITER, ENCODING, MAX_FIELD_CHARS),
                FileSource::new));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<>(List.of(SINK_PATH, SINK_FORMAT, CONTENT, MODE), FileSink::new));
    }
}
