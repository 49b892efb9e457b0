package io.lifestage.plugin.file;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import io.lifestage.segment.RecordJson;
import io.lifestage.segment.Wire;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Writes decisions, transitions or actions to a file or to standard output for path {@code -}: JSON lines
 * ({@link RecordJson}), or CSV with a header line and RFC 4180 quoting, lists and policies spelled as {@link Wire}
 * spells them (an action's payload as a JSON object, in CSV as the JSON text of a cell). One instance writes one kind
 * and ignores the others. An existing file is replaced, or appended to (a CSV
 * header then only goes into an empty file). {@link #flush} forces the file to the disk, as the
 * {@code Sink} contract asks.
 */
final class FileSink implements Sink {

    private static final String STDOUT = "-";
    private static final List<String> DECISION_COLUMNS = List.of("customerId", "stage", "rule", "reason", "asOf",
            "ruleBaseVersion");
    private static final List<String> TRANSITION_COLUMNS = List.of("id", "customerId", "from", "to", "at", "rule",
            "reason", "ruleBaseVersion", "actions", "policy");
    private static final List<String> ACTION_COLUMNS = List.of("id", "customerId", "action", "channel", "at", "cause",
            "payload");
    /** Writes a character beyond the BMP (an emoji) as its four UTF-8 bytes, not as two escapes. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private ConnectorContext context;
    private String path;
    private boolean csv;
    private String content;
    /** What is written, buffered: the file's channel or standard output. */
    private OutputStream bytes;
    /** For CSV: the text written into {@link #bytes}; null for JSON lines, which {@link #json} writes as bytes. */
    private Writer out;
    private FileChannel channel;
    private JsonGenerator json;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        Path file = context.pathSetting(FileConnectorProvider.SINK_PATH);
        this.path = file.toString();
        this.csv = context.requiredSetting(FileConnectorProvider.SINK_FORMAT).equals("csv");
        this.content = context.requiredSetting(FileConnectorProvider.CONTENT);
        boolean append = context.requiredSetting(FileConnectorProvider.MODE).equals("append");
        try {
            if (path.equals(STDOUT)) {
                bytes = new BufferedOutputStream(System.out, 1 << 16);
            } else {
                Files.createDirectories(file.toAbsolutePath().getParent());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
                bytes = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            }
            if (!csv) {
                // Straight to UTF-8 bytes: through a Writer, every character was copied and encoded once more.
                json = JSON.createGenerator(bytes, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.setRootValueSeparator(null);
            } else {
                out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
                if (channel == null || channel.size() == 0) {
                    List<String> columns = switch (content) {
                        case "transitions" -> TRANSITION_COLUMNS;
                        case "actions" -> ACTION_COLUMNS;
                        default -> DECISION_COLUMNS;
                    };
                    out.write(String.join(",", columns) + "\n");
                }
            }
        } catch (IOException e) {
            throw failure("cannot write", e);
        }
    }

    @Override
    public void writeDecisions(List<Decision> decisions) {
        writeAll("decisions", decisions, decision -> List.of(decision.customerId(), decision.stage(), decision.rule(),
                decision.reason(), Wire.instant(decision.asOf()), decision.ruleBaseVersion()));
    }

    @Override
    public void writeTransitions(List<Transition> moves) {
        writeAll("transitions", moves, move -> Arrays.asList(move.id(), move.customerId(), move.from(), move.to(),
                Wire.instant(move.at()), move.rule(), move.reason(), move.ruleBaseVersion(), Wire.list(move.actions()),
                Wire.name(move.policy())));
    }

    @Override
    public void writeActions(List<ActionFired> actions) {
        writeAll("actions", actions, action -> Arrays.asList(action.id(), action.customerId(), action.action(),
                action.channel(), Wire.instant(action.at()), action.cause(), RecordJson.json(action.payload())));
    }

    /** Writes the records when they are the configured content, each with its CSV cells in column order. */
    private <T extends Record> void writeAll(String kind, List<T> records, Function<T, List<String>> cells) {
        requireStarted();
        if (!content.equals(kind)) {
            return;
        }
        for (T record : records) {
            write(record, () -> cells.apply(record));
        }
    }

    private void requireStarted() {
        if (context == null) {
            throw new IllegalStateException("the file sink was not started: call start(context) before writing");
        }
    }

    /**
     * One record: as JSON by {@link RecordJson}, or as a CSV line of its cells, in the order of the columns, each a
     * string or null.
     */
    private void write(Record record, Supplier<List<String>> cells) {
        try {
            if (csv) {
                writeCsv(cells.get());
            } else {
                RecordJson.write(json, record);
                json.writeRaw('\n');
            }
        } catch (IOException e) {
            throw failure("cannot write", e);
        }
    }

    private void writeCsv(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cells.get(i) == null ? "" : csvCell(cells.get(i)));
        }
        out.write('\n');
    }

    private static String csvCell(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    @Override
    public void flush() {
        try {
            if (json != null) {
                json.flush();
            }
            if (out != null) {
                out.flush();
            }
            bytes.flush();
            if (channel != null) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw failure("cannot flush", e);
        }
    }

    @Override
    public void close() {
        if (bytes == null) {
            return;
        }
        try {
            try {
                if (json != null) {
                    json.close();
                }
                if (out != null) {
                    out.flush();
                }
            } finally {
                if (channel == null) {
                    bytes.flush();
                } else {
                    bytes.close();
                }
            }
        } catch (IOException e) {
            throw failure("cannot close", e);
        } finally {
            bytes = null;
            out = null;
            channel = null;
            json = null;
        }
    }

    private ConnectorException failure(String what, IOException e) {
        return Settings.failure(what + " " + path, e);
    }
}
