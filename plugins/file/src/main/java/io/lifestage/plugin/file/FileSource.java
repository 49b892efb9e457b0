package io.lifestage.plugin.file;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads Segment-style JSON lines, one call per line, UTF-8 with or without a BOM, LF or CRLF. Blank lines are
 * skipped; a line that is not a usable call is rejected with its line number and the reason, and reading goes on.
 */
final class FileSource implements Source {

    static final int MAX_LINE_CHARS = 1 << 20;
    private static final int MAX_RECORD_CHARS = 1_000;

    private ConnectorContext context;
    private String path;
    private BufferedReader reader;
    private int batchSize;
    private long lineNumber;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.path = context.requiredSetting("path");
        Settings.oneOf(context, "format", "jsonl", Set.of("jsonl"));
        this.batchSize = Settings.positive(context, "batch-size", 1_000);
        try {
            reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConnectorException("connector '" + context.name() + "': cannot read " + path + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    false, e);
        }
    }

    @Override
    public List<Fact> poll() {
        List<Fact> batch = new ArrayList<>(batchSize);
        try {
            String line;
            while (batch.size() < batchSize && (line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() > MAX_LINE_CHARS) {
                    reject(line, "line longer than " + MAX_LINE_CHARS + " characters");
                    continue;
                }
                SegmentLine.Parsed parsed = SegmentLine.parse(line);
                if (parsed.event() != null) {
                    batch.add(parsed.event());
                } else {
                    reject(line, parsed.rejection());
                }
            }
        } catch (IOException e) {
            throw new ConnectorException("connector '" + context.name() + "': cannot read " + path + " after line "
                    + lineNumber + ": " + e.getMessage(), false, e);
        }
        return batch;
    }

    private void reject(String line, String reason) {
        String record = line.length() > MAX_RECORD_CHARS ? line.substring(0, MAX_RECORD_CHARS) : line;
        context.reject(new Rejection(path, "line " + lineNumber, reason, record));
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new ConnectorException("connector '" + context.name() + "': cannot close " + path, false, e);
            } finally {
                reader = null;
            }
        }
    }
}
