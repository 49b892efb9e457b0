package io.lifestage.plugin.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lifestage.api.Decision;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

/**
 * Writes decisions to a file, or to standard output for path {@code -}: JSON lines
 * ({@code customerId, stage, rule, reason, asOf, ruleBaseVersion}) or CSV with a header line and RFC 4180 quoting.
 * An existing file is replaced. {@link #flush} forces the file to the disk, as the {@code Sink} contract asks.
 */
final class FileSink implements Sink {

    private static final String STDOUT = "-";
    private static final List<String> COLUMNS = List.of("customerId", "stage", "rule", "reason", "asOf",
            "ruleBaseVersion");
    private static final JsonFactory JSON = new JsonFactory();

    private ConnectorContext context;
    private String path;
    private boolean csv;
    private Writer out;
    private FileChannel channel;
    private JsonGenerator json;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.path = context.requiredSetting("path");
        this.csv = Settings.oneOf(context, "format", "jsonl", Set.of("jsonl", "csv")).equals("csv");
        try {
            if (path.equals(STDOUT)) {
                out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
            } else {
                Path file = Settings.path(context, path).toAbsolutePath();
                Files.createDirectories(file.getParent());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                        StandardCharsets.UTF_8), 1 << 16);
            }
            if (csv) {
                out.write(String.join(",", COLUMNS) + "\n");
            } else {
                json = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.setRootValueSeparator(null);
            }
        } catch (IOException e) {
            throw failure("cannot write", e);
        }
    }

    @Override
    public void writeDecisions(List<Decision> decisions) {
        try {
            for (Decision decision : decisions) {
                List<String> values = List.of(decision.customerId(), decision.stage(), decision.rule(),
                        decision.reason(), decision.asOf().toString(), decision.ruleBaseVersion());
                if (csv) {
                    writeCsv(values);
                } else {
                    writeJson(values);
                }
            }
        } catch (IOException e) {
            throw failure("cannot write", e);
        }
    }

    private void writeJson(List<String> values) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < COLUMNS.size(); i++) {
            json.writeStringField(COLUMNS.get(i), values.get(i));
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writeCsv(List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(csvCell(values.get(i)));
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
            out.flush();
            if (channel != null) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw failure("cannot flush", e);
        }
    }

    @Override
    public void close() {
        if (out == null) {
            return;
        }
        try {
            try {
                if (json != null) {
                    json.close();
                }
            } finally {
                if (channel == null) {
                    out.flush();
                } else {
                    out.close();
                }
            }
        } catch (IOException e) {
            throw failure("cannot close", e);
        } finally {
            out = null;
            channel = null;
            json = null;
        }
    }

    private ConnectorException failure(String what, IOException e) {
        return Settings.failure(context, what + " " + path, e);
    }
}
