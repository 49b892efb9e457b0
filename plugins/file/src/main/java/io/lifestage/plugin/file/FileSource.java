package io.lifestage.plugin.file;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.segment.SegmentCall;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a file of Segment-style JSON lines (one call per line), or a CSV file with a header row of customer profiles
 * or events. A record that is not usable is rejected with the number of its first line and the reason, and reading
 * goes on. The position is the byte offset after the last record consumed, so a resumed run seeks there; a following
 * source returns what was appended since its last poll.
 */
final class FileSource implements Source {

    static final int MAX_LINE_CHARS = 1 << 20;
    static final int MAX_RECORD_CHARS = 1_000;
    private static final Pattern POSITION = Pattern.compile("offset (\\d{1,18}) line (\\d{1,18})");

    private ConnectorContext context;
    private String path;
    private int batchSize;
    private boolean follow;
    private FileChannel channel;
    private LineReader lines;
    /** For CSV: the records and what they map to; both null for JSON lines. */
    private CsvRecords records;
    private CsvFacts columns;
    private long consumedOffset;
    private long consumedLine;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        Path file = context.pathSetting(FileConnectorProvider.SOURCE_PATH);
        this.path = file.toString();
        boolean csv = context.requiredSetting(FileConnectorProvider.SOURCE_FORMAT).equals("csv");
        this.batchSize = context.integerSetting(FileConnectorProvider.BATCH_SIZE);
        this.follow = context.booleanSetting(FileConnectorProvider.FOLLOW);
        if (csv) {
            records = new CsvRecords(Settings.encoding(context), Settings.delimiter(context),
                    context.integerSetting(FileConnectorProvider.MAX_FIELD_CHARS));
        }
        if (Files.isDirectory(file)) {
            throw ConnectorException.fatal("cannot read " + path + ": it is a directory; setting '"
                    + FileConnectorProvider.SOURCE_PATH.name() + "' must name a file");
        }
        Matcher resume = context.resumePosition().filter(position -> !position.isEmpty())
                .map(this::resumePosition).orElse(null);
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            lines = new LineReader(channel, 0, 0, MAX_LINE_CHARS, follow);
            if (csv) {
                columns = readHeader();
            }
            if (resume != null) {
                seek(Long.parseLong(resume.group(1)), Long.parseLong(resume.group(2)));
            }
        } catch (IOException e) {
            close();
            throw Settings.failure("cannot read " + path, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Matcher resumePosition(String position) {
        Matcher matcher = POSITION.matcher(position);
        if (!matcher.matches()) {
            throw ConnectorException.fatal("cannot resume " + path
                    + " from position '" + position + "': expected 'offset N line N'");
        }
        return matcher;
    }

    private CsvFacts readHeader() throws IOException {
        boolean complete = false;
        while (!complete) {
            if (!lines.next()) {
                if (follow || !records.finish()) {
                    throw ConnectorException.fatal("cannot read " + path
                            + ": no header row; the first line must name the columns");
                }
                break;
            }
            complete = records.take(lines);
        }
        if (records.problem() != null) {
            throw ConnectorException.fatal("cannot read the header of " + path
                    + " at line " + records.firstLine() + ": " + records.problem());
        }
        boolean profiles = context.requiredSetting(FileConnectorProvider.KIND).equals("profiles");
        String id = context.setting(FileConnectorProvider.ID_COLUMN).orElse(profiles ? "id" : "user_id");
        try {
            return CsvFacts.of(records.fields(), id, profiles
                    ? context.requiredSetting(FileConnectorProvider.UPDATED_COLUMN)
                    : context.requiredSetting(FileConnectorProvider.TIME_COLUMN),
                    profiles ? null : context.requiredSetting(FileConnectorProvider.EVENT_COLUMN));
        } catch (IllegalArgumentException e) {
            throw ConnectorException.fatal("cannot read " + path + ": "
                    + e.getMessage());
        }
    }

    private void seek(long offset, long line) throws IOException {
        long size = channel.size();
        if (offset > size) {
            throw ConnectorException.fatal("cannot resume " + path + " at byte "
                    + offset + ": the file has only " + size + " bytes, so it was replaced or truncated; clear the"
                    + " committed position to read it from the start");
        }
        channel.position(offset);
        lines = new LineReader(channel, offset, line, MAX_LINE_CHARS, follow);
        consumedOffset = offset;
        consumedLine = line;
    }

    @Override
    public List<Fact> poll() {
        List<Fact> batch = new ArrayList<>(Math.min(batchSize, 1 << 12));
        try {
            while (batch.size() < batchSize) {
                if (!lines.next()) {
                    if (!follow && records != null && records.finish()) {
                        rejectRecord(records.problem());
                        consumed();
                    }
                    break;
                }
                Fact fact = records == null ? jsonLine() : csvRecord();
                if (records == null || !records.open()) {
                    consumed();
                }
                if (fact != null) {
                    batch.add(fact);
                }
            }
        } catch (IOException e) {
            throw Settings.failure("cannot read " + path + " after line " + lines.number(), e);
        }
        return batch;
    }

    private Fact jsonLine() {
        if (lines.blank()) {
            return null;
        }
        String reason;
        if (lines.tooLong()) {
            reason = "line longer than " + MAX_LINE_CHARS + " characters";
        } else {
            SegmentCall.Parsed parsed = SegmentCall.parse(lines.bytes(), lines.offset(), lines.length());
            if (parsed.event() != null) {
                return parsed.event();
            }
            reason = parsed.rejection();
        }
        reject(lines.number(), reason, lines.text(MAX_RECORD_CHARS, StandardCharsets.UTF_8));
        return null;
    }

    private Fact csvRecord() {
        if (!records.take(lines)) {
            return null;
        }
        if (records.problem() != null) {
            rejectRecord(records.problem());
            return null;
        }
        CsvFacts.Row row = columns.toFact(records.fields());
        if (row.fact() == null) {
            rejectRecord(row.rejection());
        }
        return row.fact();
    }

    private void rejectRecord(String reason) {
        reject(records.firstLine(), reason, records.text());
    }

    private void reject(long line, String reason, String record) {
        context.reject(new Rejection(path, "line " + line, reason, record));
    }

    private void consumed() {
        consumedOffset = lines.end();
        consumedLine = lines.number();
    }

    /**
     * {@code offset B line N}: the byte offset just after the last record consumed (its line end included) and the
     * number of its last line; empty until a record is consumed. A record is consumed when it became a fact or a
     * reject, and a blank line when it was skipped.
     */
    @Override
    public String position() {
        return consumedOffset == 0 ? "" : "offset " + consumedOffset + " line " + consumedLine;
    }

    @Override
    public void close() {
        lines = null;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw Settings.failure("cannot close " + path, e);
            } finally {
                channel = null;
            }
        }
    }
}
