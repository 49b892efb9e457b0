package io.lifestage.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One analytics or CRM call in the shape of the Segment spec: a {@code track}, {@code page}, {@code screen} or
 * {@code identify} call made by a known user, an anonymous visitor, or both.
 *
 * <p>{@link #name()} is the event name of a track call; page and screen calls are named
 * {@value #PAGE_VIEWED} and {@value #SCREEN_VIEWED}, identify calls {@value #IDENTIFIED}. Property and trait
 * maps are immutable and hold no null values.
 *
 * <p>{@link #context()} holds what the sender's {@code context} object says about where the call came from, kept
 * apart from the properties because it describes the visit, not the event: a property named like a context field
 * stays distinct from it, and hosts that read {@link #properties()} see what the event carried and nothing else.
 * Sources keep the fields of the context that describe a visit's origin and channel (see {@link #CONTEXT_FIELDS}),
 * not the device, library or network details that the Segment libraries also send.
 *
 * @param type        the kind of call
 * @param userId      the known user's id, or null
 * @param anonymousId the anonymous visitor's id, or null; at least one of the two ids is set
 * @param name        the event name, never null
 * @param timestamp   when the call happened
 * @param properties  event properties, for example {@code total} of an order
 * @param traits      user traits carried by an identify call
 * @param messageId   the sender's unique id of the call (Segment's {@code messageId}), or null; two events with the
 *                    same message id are the same call sent twice, whatever their content
 * @param context     the origin of the call: {@code campaign} (the UTM parameters: {@code source}, {@code medium},
 *                    {@code name}, {@code term}, {@code content}), {@code page}, {@code referrer}, {@code channel},
 *                    {@code locale}, {@code timezone}, {@code location}; empty when the sender gave none
 */
public record Event(
        Type type,
        String userId,
        String anonymousId,
        String name,
        Instant timestamp,
        Map<String, Object> properties,
        Map<String, Object> traits,
        String messageId,
        Map<String, Object> context) implements Fact {

    /** Name given to page calls. */
    public static final String PAGE_VIEWED = "Page Viewed";
    /** Name given to screen calls. */
    public static final String SCREEN_VIEWED = "Screen Viewed";
    /** Name given to identify calls. */
    public static final String IDENTIFIED = "Identified";

    /** The fields of a Segment {@code context} object sources keep: those that say where a visit came from. */
    public static final Set<String> CONTEXT_FIELDS = Set.of(
            "campaign", "page", "referrer", "channel", "locale", "timezone", "location");

    /** The kinds of call this engine reads. */
    public enum Type { TRACK, PAGE, SCREEN, IDENTIFY }

    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timestamp, "timestamp");
        if (isBlank(userId) && isBlank(anonymousId)) {
            throw new IllegalArgumentException("an event needs a userId or an anonymousId");
        }
        userId = isBlank(userId) ? null : userId;
        anonymousId = isBlank(anonymousId) ? null : anonymousId;
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        traits = traits == null ? Map.of() : Map.copyOf(traits);
        messageId = isBlank(messageId) ? null : messageId;
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    /** An event without context. */
    public Event(Type type, String userId, String anonymousId, String name, Instant timestamp,
                 Map<String, Object> properties, Map<String, Object> traits, String messageId) {
        this(type, userId, anonymousId, name, timestamp, properties, traits, messageId, Map.of());
    }

    /** An event without a message id: a duplicate of it is recognised by its content. */
    public Event(Type type, String userId, String anonymousId, String name, Instant timestamp,
                 Map<String, Object> properties, Map<String, Object> traits) {
        this(type, userId, anonymousId, name, timestamp, properties, traits, null, Map.of());
    }

    /** A track call of the named event by a known user, with the given properties. */
    public static Event track(String userId, String name, Instant timestamp, Map<String, Object> properties) {
        return new Event(Type.TRACK, userId, null, name, timestamp, properties, Map.of());
    }

    /** The user id when known, else the anonymous id. */
    @Override
    public String customerId() {
        return userId != null ? userId : anonymousId;
    }

    /** The numeric value of a property, or null when it is absent or not a number. */
    public Double number(String property) {
        Object value = properties.get(property);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
