package io.lifestage.plugin.file;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles RFC 4180 records from the lines of a {@link LineReader}: fields split at the delimiter, quoted fields
 * with doubled quotes and line breaks inside (kept as LF), any record spanning as many lines as its quotes say. Each
 * line is decoded strictly, so bytes the encoding does not define reject the record instead of turning into
 * replacement characters. A field over the limit is never held whole.
 *
 * <p>A quote inside an unquoted field, or text after a closing quote, is kept as text, as spreadsheets do.
 */
final class CsvRecords {

    static final String UNCLOSED_QUOTE = "unclosed quote";

    private final Charset charset;
    private final CharsetDecoder decoder;
    private final char delimiter;
    private final int maxFieldChars;
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private CharBuffer chars = CharBuffer.allocate(1 << 12);
    private boolean quoted;
    private boolean open;
    private long firstLine;
    private String problem;

    CsvRecords(Charset charset, char delimiter, int maxFieldChars) {
        this.charset = charset;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.delimiter = delimiter;
        this.maxFieldChars = maxFieldChars;
    }

    /**
     * Takes the current line of {@code lines}. True when it completes a record: then {@link #fields()} holds it, or
     * {@link #problem()} says why it cannot be used. False for a blank line between records and for a line that
     * leaves a quoted field {@link #open()}.
     */
    boolean take(LineReader lines) {
        if (!open) {
            if (lines.blank()) {
                return false;
            }
            fields.clear();
            field.setLength(0);
            text.setLength(0);
            problem = null;
            firstLine = lines.number();
        }
        if (lines.tooLong()) {
            keepText(lines.text(FileSource.MAX_RECORD_CHARS, charset));
            return fail("line longer than " + FileSource.MAX_LINE_CHARS + " characters");
        }
        if (!decode(lines)) {
            keepText(lines.text(FileSource.MAX_RECORD_CHARS, charset));
            return fail("undecodable bytes: line " + lines.number() + " is not valid " + charset.name());
        }
        keepText(chars);
        if (!split()) {
            return fail("field longer than " + maxFieldChars + " characters (column " + (fields.size() + 1) + ")");
        }
        if (quoted) {
            field.append('\n');
            open = true;
            return false;
        }
        fields.add(field.toString());
        open = false;
        return true;
    }

    /** At the end of the input: completes a record left open by a quote with the problem {@value #UNCLOSED_QUOTE}. */
    boolean finish() {
        if (!open) {
            return false;
        }
        open = false;
        quoted = false;
        problem = UNCLOSED_QUOTE;
        return true;
    }

    /** Whether a quoted field goes on past the last line taken. */
    boolean open() {
        return open;
    }

    /** The fields of the record completed last. */
    List<String> fields() {
        return fields;
    }

    /** Why the record completed last cannot be used, or null. */
    String problem() {
        return problem;
    }

    /** The number of the record's first line. */
    long firstLine() {
        return firstLine;
    }

    /** The record as read, its lines joined by LF, cut to 1,000 characters. */
    String text() {
        return text.toString();
    }

    private boolean decode(LineReader lines) {
        int capacity = (int) Math.ceil(lines.length() * (double) decoder.maxCharsPerByte());
        if (chars.capacity() < capacity) {
            chars = CharBuffer.allocate(Math.max(capacity, 2 * chars.capacity()));
        }
        chars.clear();
        decoder.reset();
        ByteBuffer bytes = ByteBuffer.wrap(lines.bytes(), lines.offset(), lines.length());
        boolean decoded = !decoder.decode(bytes, chars, true).isError() && !decoder.flush(chars).isError();
        chars.flip();
        return decoded;
    }

    /** Splits the decoded line into fields; false when a field grows over the limit. */
    private boolean split() {
        boolean fieldStart = !open;
        int length = chars.limit();
        for (int i = 0; i < length; i++) {
            char c = chars.get(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < length && chars.get(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                continue;
            } else if (c == '"' && fieldStart) {
                quoted = true;
            } else {
                field.append(c);
            }
            fieldStart = false;
            if (field.length() > maxFieldChars) {
                return false;
            }
        }
        return true;
    }

    private boolean fail(String reason) {
        problem = reason;
        open = false;
        quoted = false;
        field.setLength(0);
        return true;
    }

    private void keepText(CharSequence line) {
        int room = FileSource.MAX_RECORD_CHARS - text.length();
        if (room <= 0) {
            return;
        }
        if (!text.isEmpty()) {
            text.append('\n');
            room--;
        }
        text.append(line, 0, Math.min(room, line.length()));
    }
}
