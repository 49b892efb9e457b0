package io.lifestage.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One analytics or CRM call in the shape of the Segment spec: a {@code track}, {@code page}, {@code screen} or
 * {@code identify} call made by a known user, an anonymous visitor, or both.
 *
 * <p>{@link #name()} is the event name of a track call; page and screen calls are named
 * {@value #PAGE_VIEWED} and {@value #SCREEN_VIEWED}, identify calls {@value #IDENTIFIED}. Property and trait
 * maps are immutable and hold no null values.
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
 */
public record Event(
        Type type,
        String userId,
        String anonymousId,
        String name,
        Instant timestamp,
        Map<String, Object> properties,
        Map<String, Object> traits,
        String messageId) implements Fact {

    /** Name given to page calls. */
    public static final String PAGE_VIEWED = "Page Viewed";
    /** Name given to screen calls. */
    public static final String SCREEN_VIEWED = "Screen Viewed";
    /** Name given to identify calls. */
    public static final String IDENTIFIED = "Identified";

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
    }

    /** An event without a message id: a duplicate of it is recognised by its content. */
    public Event(Type type, String userId, String anonymousId, String name, Instant timestamp,
                 Map<String, Object> properties, Map<String, Object> traits) {
        this(type, userId, anonymousId, name, timestamp, properties, traits, null);
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
