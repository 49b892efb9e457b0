package io.lifestage.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.engine.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * How a fact is kept in a segment of {@code ls_fact_segment}: its key, its kind and name, and its maps as a JSON
 * body.
 */
record StoredFact(String key, String customerId, long occurredAt, String kind, String name, String anonymousId,
                  String userId, String body) {

    static final String PROFILE = "profile";
    /** Each event type's kind, one string each, so that sorting and encoding facts hash each kind once. */
    private static final Map<Event.Type, String> KINDS = kinds();
    /** Each kind's event type. */
    private static final Map<String, Event.Type> TYPES = KINDS.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    private static final String IDENTIFY = KINDS.get(Event.Type.IDENTIFY);

    /** The body of a fact read without its maps (see {@link FactSegment}). */
    static final String UNREAD = "{}";
    /** A customer's facts in time order, ties by key: the order every reader of a customer's facts gets. */
    static final Comparator<StoredFact> TIME_ORDER = Comparator.comparingLong(StoredFact::occurredAt)
            .thenComparing(StoredFact::key);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final ObjectReader BODY_READER = JSON.readerFor(
            new TypeReference<Map<String, Map<String, Object>>>() {
            });

    /**
     * The row for a fact attributed to {@code customerId} (the fact's own id, or the user an identify linked). Its key,
     * which drops a redelivered fact, is a digest of the event's message id when it has one, as Segment deduplicates,
     * else of its content.
     */
    static StoredFact of(Fact fact, String customerId) {
        if (fact instanceof Event event) {
            String kind = KINDS.get(event.type());
            long at = event.timestamp().toEpochMilli();
            String properties = json(event.properties());
            String traits = json(event.traits());
            String key = event.messageId() != null ? digest("messageId", event.messageId())
                    : digest(kind, event.userId(), event.anonymousId(), event.name(), Long.toString(at),
                            "{\"properties\":" + properties + ",\"traits\":" + traits + "}");
            return new StoredFact(key, customerId, at, kind, event.name(), event.anonymousId(), event.userId(),
                    body(event, properties, traits));
        }
        CustomerProfile profile = (CustomerProfile) fact;
        String body = "{\"traits\":" + json(profile.traits()) + "}";
        long at = profile.updatedAt().toEpochMilli();
        String key = digest(PROFILE, profile.customerId(), Long.toString(at), body);
        return new StoredFact(key, customerId, at, PROFILE, "Profile", null, profile.customerId(), body);
    }

    /**
     * An event's non-empty maps as JSON, keys in order, from the texts of its properties and traits: most events have
     * no traits, a track call no context. The key above is the digest of the properties and traits alone, as it was
     * before the context was kept, so that a call stored before and read again is recognised. Each map is written
     * once for both.
     */
    private static String body(Event event, String properties, String traits) {
        StringJoiner maps = new StringJoiner(",", "{", "}");
        if (!event.context().isEmpty()) {
            maps.add("\"context\":" + json(event.context()));
        }
        if (!event.properties().isEmpty()) {
            maps.add("\"properties\":" + properties);
        }
        if (!event.traits().isEmpty()) {
            maps.add("\"traits\":" + traits);
        }
        return maps.toString();
    }

    private static Map<Event.Type, String> kinds() {
        Map<Event.Type, String> kinds = new EnumMap<>(Event.Type.class);
        for (Event.Type type : Event.Type.values()) {
            kinds.put(type, type.name().toLowerCase(Locale.ROOT));
        }
        return kinds;
    }

    /** Whether this is an identify call that links an anonymous id to another user id. */
    boolean linksAnonymousId() {
        return kind.equals(IDENTIFY) && userId != null && anonymousId != null && !userId.equals(anonymousId);
    }

    /** Whether this is an event of an anonymous id alone, which an identify call may link to a user. */
    boolean anonymousAlone() {
        return !kind.equals(PROFILE) && userId == null;
    }

    /** The same fact attributed to another customer: the user an identify call linked its anonymous id to. */
    StoredFact withCustomerId(String customer) {
        return new StoredFact(key, customer, occurredAt, kind, name, anonymousId, userId, body);
    }

    /**
     * The fact again, attributed to the stored customer id; without its properties and traits when it was read
     * without its body ({@link #UNREAD}, see {@link FactSegment#decode}): parsing the body is most of the cost of
     * reading a fact, and counting events needs only their names and times.
     */
    Fact toFact() {
        Map<String, Map<String, Object>> maps = parse(body);
        Instant at = Instant.ofEpochMilli(occurredAt);
        if (kind.equals(PROFILE)) {
            return new CustomerProfile(customerId, maps.get("traits"), at);
        }
        return new Event(TYPES.get(kind), customerId, null, name, at,
                maps.get("properties"), maps.get("traits"), null, maps.get("context"));
    }

    private static String json(Map<String, ?> value) {
        Optional<String> written = CanonicalJson.write(value);
        if (written.isPresent()) {
            return written.get();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a fact's properties cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Map<String, Object>> parse(String body) {
        if (body.equals(UNREAD)) {
            return Map.of();
        }
        try {
            return BODY_READER.readValue(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored fact's body is not JSON: " + e.getMessage(), e);
        }
    }

    /** A SHA-256 digest of the parts, hex, cut to 32 characters: unique enough for keys, short enough to index. */
    static String digest(String... parts) {
        MessageDigest digest = Sha256.digest();
        for (String part : parts) {
            digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }
}
