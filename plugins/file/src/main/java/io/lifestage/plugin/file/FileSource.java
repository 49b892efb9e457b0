package io.lifestage.plugin.file;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.segment.SegmentCall;
import java.io.IOException;
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
    private LineReader lines;
    private int batchSize;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.path = context.requiredSetting("path");
        Settings.oneOf(context, "format", "jsonl", Set.of("jsonl"));
        this.batchSize = Settings.positive(context, "batch-size", 1_000);
        Path file = Settings.path(context, path);
        if (Files.isDirectory(file)) {
            throw new ConnectorException("connector '" + context.name() + "': cannot read " + path
                    + ": it is a directory; setting 'path' must name a file", false);
        }
        try {
            lines = new LineReader(Files.newInputStream(file), MAX_LINE_CHARS);
            long resumeAfter = context.resumePosition().map(FileSource::lineOf).orElse(0L);
            while (lines.number() < resumeAfter && lines.next()) {
                // skip what an earlier run committed
            }
        } catch (IOException e) {
            throw Settings.failure(context, "cannot read " + path, e);
        }
    }

    @Override
    public List<Fact> poll() {
        List<Fact> batch = new ArrayList<>(batchSize);
        try {
            while (batch.size() < batchSize && lines.next()) {
                if (lines.blank()) {
                    continue;
                }
                if (lines.tooLong()) {
                    reject("line longer than " + MAX_LINE_CHARS + " characters");
                    continue;
                }
                SegmentCall.Parsed parsed = SegmentCall.parse(lines.bytes(), lines.offset(), lines.length());
                if (parsed.event() != null) {
                    batch.add(parsed.event());
                } else {
                    reject(parsed.rejection());
                }
            }
        } catch (IOException e) {
            throw Settings.failure(context, "cannot read " + path + " after line " + lines.number(), e);
        }
        return batch;
    }

    private void reject(String reason) {
        context.reject(new Rejection(path, "line " + lines.number(), reason, lines.text(MAX_RECORD_CHARS)));
    }

    /** {@code line N}: the number of the last line read. */
    @Override
    public String position() {
        return lines == null || lines.number() == 0 ? "" : "line " + lines.number();
    }

    private static long lineOf(String position) {
        try {
            return Long.parseLong(position.substring("line ".length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new ConnectorException("cannot resume from position '" + position + "': expected 'line N'", false);
        }
    }

    @Override
    public void close() {
        if (lines != null) {
            try {
                lines.close();
            } catch (IOException e) {
                throw Settings.failure(context, "cannot close " + path, e);
            } finally {
                lines = null;
            }
        }
    }
}
