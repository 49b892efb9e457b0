package io.lifestage.engine.store;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Facts of one customer in one row of {@code ls_fact_segment}: a row per fact cost the database a key, an index entry
 * and a page slot per fact, and a fact's kind, name and ids written out again each time. A segment writes each of
 * those strings once and then refers to it, instants as the difference from the fact before, keys as their 16 bytes.
 *
 * <p>Layout, version 1: a version byte, the number of strings and each string, the number of facts, then per fact its
 * key (16 bytes), the instant's difference from the previous (a variable-length signed number), the string numbers of
 * its kind, name, anonymous id and user id (0 for none), and its body (UTF-8, length first). The customer id is the
 * row's.
 */
final class FactSegment {

    /** Stores one segment: bind it with {@link #bind}. */
    static final String INSERT = "INSERT INTO ls_fact_segment (customer_id, segment_no, facts, body, stored_at)"
            + " VALUES (?, ?, ?, ?, ?)";

    private static final int VERSION = 1;
    private static final int KEY_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();

    private FactSegment() {
    }

    /** Binds {@link #INSERT} to store a customer's facts, in the order given, as their segment of this number. */
    static void bind(PreparedStatement insert, String customerId, int number, List<StoredFact> facts, long storedAt)
            throws SQLException {
        bind(insert, customerId, number, facts.size(), encode(facts), storedAt);
    }

    /** Binds {@link #INSERT} to store a segment of this many facts that {@link #encode} made. */
    static void bind(PreparedStatement insert, String customerId, int number, int facts, byte[] segment,
                     long storedAt) throws SQLException {
        insert.setString(1, customerId);
        insert.setInt(2, number);
        insert.setInt(3, facts);
        insert.setBytes(4, segment);
        insert.setLong(5, storedAt);
    }

    /** One customer's facts, in the order given, as the bytes of a segment. */
    static byte[] encode(List<StoredFact> facts) {
        Map<String, Integer> numbers = new HashMap<>();
        List<String> strings = new ArrayList<>();
        for (StoredFact fact : facts) {
            for (String text : new String[] {fact.kind(), fact.name(), fact.anonymousId(), fact.userId()}) {
                if (text != null && numbers.putIfAbsent(text, strings.size() + 1) == null) {
                    strings.add(text);
                }
            }
        }
        Output out = new Output(64 + facts.size() * 64);
        out.bytes(new byte[] {VERSION});
        out.number(strings.size());
        strings.forEach(out::text);
        out.number(facts.size());
        long previous = 0;
        for (StoredFact fact : facts) {
            out.bytes(HEX.parseHex(fact.key()));
            out.number(zigZag(fact.occurredAt() - previous));
            previous = fact.occurredAt();
            for (String text : new String[] {fact.kind(), fact.name(), fact.anonymousId(), fact.userId()}) {
                out.number(text == null ? 0 : numbers.get(text));
            }
            out.text(fact.body());
        }
        return out.toArray();
    }

    /**
     * The facts of a segment, attributed to the customer of its row.
     *
     * @throws IllegalStateException when the bytes are not a segment this version can read
     */
    static List<StoredFact> decode(String customerId, byte[] segment) {
        return decode(customerId, segment, name -> true, (name, at) -> true);
    }

    /**
     * The facts of a segment whose names {@code named} accepts, attributed to the customer of its row, with their
     * bodies only where {@code withBody} accepts the name (elsewhere {@link StoredFact#UNREAD}): a reader that needs
     * some facts' maps only skips the others' bytes instead of making strings of them.
     *
     * @throws IllegalStateException when the bytes are not a segment this version can read
     */
    static List<StoredFact> decode(String customerId, byte[] segment, Predicate<String> named,
                                   MapsWanted withBody) {
        Input in = new Input(segment);
        try {
            int version = in.nextByte();
            if (version != VERSION) {
                throw new IllegalStateException("a stored segment of facts has version " + version
                        + ", which this version of Lifestage cannot read");
            }
            String[] strings = new String[(int) in.number() + 1];
            for (int i = 1; i < strings.length; i++) {
                strings[i] = in.text();
            }
            int count = (int) in.number();
            List<StoredFact> facts = new ArrayList<>(count);
            long at = 0;
            for (int i = 0; i < count; i++) {
                int key = in.skip(KEY_BYTES);
                at += unZigZag(in.number());
                String kind = strings[(int) in.number()];
                String name = strings[(int) in.number()];
                String anonymousId = strings[(int) in.number()];
                String userId = strings[(int) in.number()];
                if (!named.test(name)) {
                    in.skipText();
                    continue;
                }
                String body = withBody.test(name, at) ? in.text() : in.skipText();
                facts.add(new StoredFact(HEX.formatHex(segment, key, key + KEY_BYTES), customerId, at, kind, name,
                        anonymousId, userId, body));
            }
            return facts;
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalStateException("a stored segment of facts is cut short or damaged", e);
        }
    }

    /** The bytes of a segment as they are read, in the segment's encodings. */
    private static final class Input {
        private final byte[] bytes;
        private int position;

        Input(byte[] bytes) {
            this.bytes = bytes;
        }

        byte nextByte() {
            return bytes[position++];
        }

        /** An unsigned number written in 7-bit groups, low first, the high bit saying another group follows. */
        long number() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = nextByte();
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        String text() {
            int length = (int) number();
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        /** Skips a text: {@link StoredFact#UNREAD}. */
        String skipText() {
            skip((int) number());
            return StoredFact.UNREAD;
        }

        /** Skips this many bytes; returns where they start. */
        int skip(int length) {
            int start = position;
            if (length < 0 || length > bytes.length - start) {
                throw new IndexOutOfBoundsException("a length of " + length + " at " + start);
            }
            position += length;
            return start;
        }
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unZigZag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** A growing array of bytes, written in the segment's encodings. */
    private static final class Output {
        private byte[] buffer;
        private int size;

        Output(int capacity) {
            buffer = new byte[capacity];
        }

        void bytes(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        void text(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            number(bytes.length);
            bytes(bytes);
        }

        void number(long value) {
            room(10);
            while ((value & ~0x7FL) != 0) {
                buffer[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            buffer[size++] = (byte) value;
        }

        private void room(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(buffer, size);
        }
    }
}
