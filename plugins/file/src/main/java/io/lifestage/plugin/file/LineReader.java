package io.lifestage.plugin.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits input into lines, handing each out as bytes so that it is parsed without being decoded first, with the byte
 * offset just after it so that a later run can resume there. Only LF ends a line (a CR before it is dropped), as in
 * editors that number lines. A UTF-8 byte-order mark at the start of the file is skipped.
 *
 * <p>A line longer than the limit is never held whole: only its beginning is kept, for the reject record, so a file
 * without line ends cannot exhaust the heap. When following a growing file, a last line without a line end is not
 * handed out, as it may be half-written; {@link #next()} returns false and a later call reads on from there.
 */
final class LineReader {

    /** Enough bytes for the first 1,000 characters of any line: UTF-8 takes at most 3 bytes per char. */
    private static final int HEAD_BYTES = 4_000;

    private final ReadableByteChannel in;
    private final int maxChars;
    private final int maxBytes;
    private final boolean follow;
    private byte[] buffer = new byte[1 << 16];
    private long base;
    private int position;
    private int limit;
    /** While skipping an overlong line: its beginning; null otherwise. */
    private byte[] head;

    private byte[] line;
    private int from;
    private int length;
    private boolean truncated;
    private long number;
    private long end;

    /**
     * A reader of {@code in}, which stands at byte {@code offset} of the file just after line {@code number}.
     *
     * @param follow whether the input may grow, so that a last line without a line end is left for later
     */
    LineReader(ReadableByteChannel in, long offset, long number, int maxChars, boolean follow) {
        this.in = in;
        this.base = offset;
        this.end = offset;
        this.number = number;
        this.maxChars = maxChars;
        // A line of maxChars chars takes at most 3 bytes per char (a 4-byte sequence is 2 chars).
        this.maxBytes = 3 * maxChars;
        this.follow = follow;
    }

    /** Moves to the next line; false when there is none, or (following) no complete one yet. */
    boolean next() throws IOException {
        int scanned = 0;
        while (true) {
            int newline = indexOfNewline(position + scanned);
            if (newline >= 0) {
                current(position, newline, newline + 1);
                return true;
            }
            if (head == null && limit - position > maxBytes) {
                int start = position + byteOrderMark(position);
                head = Arrays.copyOfRange(buffer, start, Math.min(start + HEAD_BYTES, limit));
            }
            if (head != null) {
                base += limit;
                position = 0;
                limit = 0;
            }
            scanned = limit - position;
            if (!fill()) {
                if (follow || position == limit && head == null) {
                    return false;
                }
                current(position, limit, limit);
                return true;
            }
        }
    }

    /** The 1-based number of the current line, blank lines included. */
    long number() {
        return number;
    }

    /** The byte offset in the file just after the current line and its line end. */
    long end() {
        return end;
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
                return text(Integer.MAX_VALUE, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** The current line as text, cut to at most {@code max} chars without splitting a surrogate pair. */
    String text(int max, Charset charset) {
        String text = new String(line, from, (int) Math.min(length, 4L * max), charset);
        if (text.length() <= max) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, cut);
    }

    /** Makes the bytes from {@code start} to {@code stop} (an LF or the end) current; reads on at {@code next}. */
    private void current(int start, int stop, int next) {
        number++;
        if (head != null) {
            line = head;
            from = 0;
            length = head.length;
            truncated = true;
            head = null;
        } else {
            line = buffer;
            from = start + byteOrderMark(start);
            length = stop > from && buffer[stop - 1] == '\r' ? stop - from - 1 : stop - from;
            truncated = false;
        }
        position = next;
        end = base + next;
    }

    /** 3 when a UTF-8 byte-order mark starts the file at {@code start}, else 0. */
    private int byteOrderMark(int start) {
        return base + start == 0 && limit - start >= 3 && buffer[start] == (byte) 0xEF
                && buffer[start + 1] == (byte) 0xBB && buffer[start + 2] == (byte) 0xBF ? 3 : 0;
    }

    /** The index of the first LF at or after {@code start}, or -1. */
    private int indexOfNewline(int start) {
        for (int i = start; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Reads more input after the unread bytes, moving them to the front and growing the buffer as needed. */
    private boolean fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            base += position;
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxBytes + 1));
        }
        int read = in.read(ByteBuffer.wrap(buffer, limit, buffer.length - limit));
        if (read <= 0) {
            return false;
        }
        limit += read;
        return true;
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
