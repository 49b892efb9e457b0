package io.lifestage.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lifestage.api.Event;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;

/**
 * An event as a node keeps it: its key (the sender's message id, else a digest of its content, so that a redelivered
 * call is kept once), kind, name, instant and maps as JSON. Whose it is is the key it is stored under, as in the stage
 * store, so an anonymous history moved to a user is the user's facts with nothing rewritten.
 */
record StreamFact(String key, Event.Type type, String name, long at, String body) {

    /** A customer's facts in time order, ties by key. */
    static final Comparator<StreamFact> TIME_ORDER = Comparator.comparingLong(StreamFact::at)
            .thenComparing(StreamFact::key);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final TypeReference<Map<String, Map<String, Object>>> BODY = new TypeReference<>() {
    };

    /** The key digests the properties and traits only, as before the context was kept, so that keys stay stable. */
    static StreamFact of(Event event) {
        String keyed = json(Map.of("properties", event.properties(), "traits", event.traits()));
        long at = event.timestamp().toEpochMilli();
        String key = event.messageId() != null ? "m" + event.messageId()
                : "c" + digest(event.type() + "\0" + event.userId() + "\0" + event.anonymousId() + "\0"
                        + event.name() + "\0" + at + "\0" + keyed);
        String body = event.context().isEmpty() ? keyed
                : json(Map.of("properties", event.properties(), "traits", event.traits(), "context", event.context()));
        return new StreamFact(key, event.type(), event.name(), at, body);
    }

    /** The event again, attributed to the customer it is stored under, as the stage store gives it back. */
    Event toEvent(String customerId) {
        Map<String, Map<String, Object>> maps = parse(body);
        return new Event(type, customerId, null, name, Instant.ofEpochMilli(at), maps.get("properties"),
                maps.get("traits"), null, maps.get("context"));
    }

    void write(DataOutput out) throws IOException {
        out.writeUTF(key);
        out.writeByte(type.ordinal());
        out.writeUTF(name);
        out.writeLong(at);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static StreamFact read(DataInput in) throws IOException {
        String key = in.readUTF();
        Event.Type type = Event.Type.values()[in.readByte()];
        String name = in.readUTF();
        long at = in.readLong();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new StreamFact(key, type, name, at, new String(bytes, StandardCharsets.UTF_8));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an event's maps cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Map<String, Object>> parse(String body) {
        try {
            return JSON.readValue(body, BODY);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept fact's body is not JSON: " + e.getMessage(), e);
        }
    }

    private static String digest(String content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(content.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
