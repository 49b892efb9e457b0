package io.lifestage.plugin.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits UTF-8 input into lines, handing each out as bytes so that it is parsed without being decoded first.
 * Only LF ends a line (a CR before it is dropped), as in editors that number lines. A byte-order mark at the start
 * is skipped. A line longer than the limit is never held whole: only its beginning is kept, for the reject record,
 * so a file without line ends cannot exhaust the heap.
 */
final class LineReader implements Closeable {

    /** Enough bytes for the first 1,000 characters of any line: UTF-8 takes at most 3 bytes per char. */
    private static final int HEAD_BYTES = 4_000;

    private final InputStream in;
    private final int maxChars;
    private final int maxBytes;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean eof;

    private byte[] line;
    private int from;
    private int length;
    private boolean truncated;
    private long number;

    LineReader(InputStream in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
        // A line of maxChars chars takes at most 3 bytes per char (a 4-byte sequence is 2 chars).
        this.maxBytes = 3 * maxChars;
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
        if (number == 0) {
            skipByteOrderMark();
        }
        int scanned = 0;
        while (true) {
            int end = indexOfNewline(scanned);
            if (end >= 0) {
                current(position, end);
                position = end + 1;
                return true;
            }
            if (eof) {
                if (position == limit) {
                    return false;
                }
                current(position, limit);
                position = limit;
                return true;
            }
            if (limit - position > maxBytes) {
                skipOverlongLine();
                return true;
            }
            scanned = limit - position;
            fill();
        }
    }

    /** The 1-based number of the current line, blank lines included. */
    long number() {
        return number;
    }

    /** The bytes of the current line, from {@link #offset()} for {@link #length()}; valid until {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    int offset() {
        return from;
    }

    int length() {
        return length;
    }

    /** Whether the current line has more than the limit's chars (UTF-16 units, as {@link String#length()}). */
    boolean tooLong() {
        return truncated || length > maxChars && utf16Length() > maxChars;
    }

    /** Whether the current line holds only whitespace, as {@link String#isBlank()} says. */
    boolean blank() {
        for (int i = from; i < from + length; i++) {
            byte b = line[i];
            if (b < 0) {
                return text(Integer.MAX_VALUE).isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** The current line as text, cut to at most {@code max} chars without splitting a surrogate pair. */
    String text(int max) {
        String text = new String(line, from, (int) Math.min(length, 4L * max), StandardCharsets.UTF_8);
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void current(int start, int end) {
        number++;
        line = buffer;
        from = start;
        length = end > start && buffer[end - 1] == '\r' ? end - start - 1 : end - start;
        truncated = false;
    }

    /** The index of the first LF at or after {@code scanned} bytes past the position, or -1. */
    private int indexOfNewline(int scanned) {
        for (int i = position + scanned; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Reads more input after the unread bytes, moving them to the front and growing the buffer as needed. */
    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxBytes + 1));
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            eof = true;
        } else {
            limit += read;
        }
    }

    private void skipOverlongLine() throws IOException {
        number++;
        line = Arrays.copyOfRange(buffer, position, position + HEAD_BYTES);
        from = 0;
        length = HEAD_BYTES;
        truncated = true;
        while (true) {
            int end = indexOfNewline(0);
            if (end >= 0) {
                position = end + 1;
                return;
            }
            position = 0;
            limit = 0;
            fill();
            if (eof) {
                return;
            }
        }
    }

    private void skipByteOrderMark() throws IOException {
        while (limit - position < 3 && !eof) {
            fill();
        }
        if (limit - position >= 3 && buffer[position] == (byte) 0xEF && buffer[position + 1] == (byte) 0xBB
                && buffer[position + 2] == (byte) 0xBF) {
            position += 3;
        }
    }

    private int utf16Length() {
        int chars = 0;
        for (int i = from; i < from + length; i++) {
            int b = line[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                chars += (b & 0xF8) == 0xF0 ? 2 : 1;
            }
        }
        return chars;
    }
}
