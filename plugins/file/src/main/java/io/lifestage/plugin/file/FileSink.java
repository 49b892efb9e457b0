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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Writes decisions to a file, or to standard output for path {@code -}: JSON lines
 * ({@code customerId, stage, rule, reason, asOf, ruleBaseVersion}) or CSV with a header line and RFC 4180 quoting.
 * An existing file is replaced.
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

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.path = context.requiredSetting("path");
        this.csv = Settings.oneOf(context, "format", "jsonl", Set.of("jsonl", "csv")).equals("csv");
        try {
            if (path.equals(STDOUT)) {
                out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
            } else {
                Path file = Path.of(path).toAbsolutePath();
                Files.createDirectories(file.getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            if (csv) {
                out.write(String.join(",", COLUMNS) + "\n");
            }
        } catch (IOException e) {
            throw failure("cannot write", e);
        }
    }

    @Override
    public void write(List<Decision> decisions) {
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
        try (JsonGenerator json = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            for (int i = 0; i < COLUMNS.size(); i++) {
                json.writeStringField(COLUMNS.get(i), values.get(i));
            }
            json.writeEndObject();
        }
        out.write('\n');
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

    static String csvCell(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    @Override
    public void flush() {
        try {
            out.flush();
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
            if (path.equals(STDOUT)) {
                out.flush();
            } else {
                out.close();
            }
        } catch (IOException e) {
            throw failure("cannot close", e);
        } finally {
            out = null;
        }
    }

    private ConnectorException failure(String what, IOException e) {
        return new ConnectorException("connector '" + context.name() + "': " + what + " " + path + ": "
                + e.getMessage(), false, e);
    }
}
