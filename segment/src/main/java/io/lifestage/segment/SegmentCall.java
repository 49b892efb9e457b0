package io.lifestage.segment;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.lifestage.api.Event;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one call in the JSON shape of the Segment spec ({@code type}, {@code userId}/{@code anonymousId},
 * {@code event}, {@code timestamp}, {@code properties}, {@code traits}, {@code messageId}, and of {@code context}
 * the fields {@link Event#CONTEXT_FIELDS} names) into an {@link Event}, or says why it cannot.
 * The result is either an event or a reason, never an exception, so a bad record costs no stack trace. Shared by
 * every connector and endpoint that accepts Segment-style calls, so that they accept and reject the same records.
 */
public final class SegmentCall {

    /**
     * What a record became: an event, or the reason it was rejected.
     *
     * @param event     the event, or null when rejected
     * @param rejection why the record was rejected, or null when it became an event
     */
    public record Parsed(Event event, String rejection) {
    }

    /** The longest id or event name accepted: what the stage store's columns hold. */
    public static final int MAX_TEXT_LENGTH = 255;
    /** The earliest and latest timestamps accepted: ISO-8601's four-digit years, well within what the store holds. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final JsonFactory JSON = new JsonFactory();

    private String type;
    private String userId;
    private String anonymousId;
    private String event;
    private String timestamp;
    private String originalTimestamp;
    private String receivedAt;
    private String messageId;
    private Map<String, Object> properties;
    private Map<String, Object> traits;
    private Map<String, Object> context;

    private SegmentCall() {
    }

    /** Parses one call from JSON text (read as text, so that a lone surrogate in it is seen and refused). */
    public static Parsed parse(String json) {
        try {
            return parse(JSON.createParser(json));
        } catch (IOException e) {
            return rejected("malformed JSON: " + shorten(e.getMessage()));
        }
    }

    /** Parses one call from {@code length} bytes of UTF-8 JSON starting at {@code offset}. */
    public static Parsed parse(byte[] line, int offset, int length) {
        try {
            return parse(JSON.createParser(line, offset, length));
        } catch (IOException e) {
            return rejected("malformed JSON: " + shorten(e.getMessage()));
        }
    }

    private static Parsed parse(JsonParser json) {
        SegmentCall fields = new SegmentCall();
        try (JsonParser parser = json) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return rejected("malformed JSON: a line must hold one JSON object");
            }
            String problem = fields.read(parser);
            if (problem != null) {
                return rejected(problem);
            }
            if (parser.nextToken() != null) {
                return rejected("malformed JSON: text after the closing brace");
            }
        } catch (JsonProcessingException e) {
            return rejected("malformed JSON: " + parserMessage(e.getOriginalMessage()));
        } catch (IOException e) {
            return rejected("malformed JSON: " + shorten(e.getMessage()));
        }
        return fields.toEvent();
    }

    private String read(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "type" -> type = text(parser, value);
                case "userId" -> userId = text(parser, value);
                case "anonymousId" -> anonymousId = text(parser, value);
                case "event" -> event = text(parser, value);
                case "timestamp" -> timestamp = text(parser, value);
                case "originalTimestamp" -> originalTimestamp = text(parser, value);
                case "receivedAt" -> receivedAt = text(parser, value);
                case "messageId" -> messageId = text(parser, value);
                case "properties", "traits", "context" -> {
                    if (value == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (value != JsonToken.START_OBJECT) {
                        return "'" + field + "' must be a JSON object";
                    }
                    switch (field) {
                        case "properties" -> properties = readObject(parser);
                        case "traits" -> traits = readObject(parser);
                        default -> context = readContext(parser);
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return null;
    }

    /** Strings as they are, numbers in their JSON form; null for null, objects and arrays (which are skipped). */
    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT
                || value == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Object value = readValue(parser, parser.nextToken());
            if (value != null) {
                map.put(key, value);
            }
        }
        return map;
    }

    /** The fields of a context object that say where the call came from; the rest is skipped unread. */
    private static Map<String, Object> readContext(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken token = parser.nextToken();
            Object value = Event.CONTEXT_FIELDS.contains(key) ? readValue(parser, token) : null;
            if (value != null) {
                map.put(key, value);
            } else {
                parser.skipChildren();
            }
        }
        return map;
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    Object value = readValue(parser, item);
                    if (value != null) {
                        list.add(value);
                    }
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    // Beyond the range of a long: keep the line, at the precision of a double.
                    yield parser.getDoubleValue();
                }
                yield parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    private Parsed toEvent() {
        if (type == null) {
            return rejected("no type");
        }
        Event.Type callType;
        String name;
        switch (type.toLowerCase(Locale.ROOT)) {
            case "track" -> {
                if (event == null || event.isBlank()) {
                    return rejected("track call without an event name");
                }
                callType = Event.Type.TRACK;
                name = event;
            }
            case "page" -> {
                callType = Event.Type.PAGE;
                name = Event.PAGE_VIEWED;
            }
            case "screen" -> {
                callType = Event.Type.SCREEN;
                name = Event.SCREEN_VIEWED;
            }
            case "identify" -> {
                callType = Event.Type.IDENTIFY;
                name = Event.IDENTIFIED;
            }
            default -> {
                return rejected("call type '" + type + "' is not supported (track, page, screen, identify)");
            }
        }
        if (isBlank(userId) && isBlank(anonymousId)) {
            return rejected("no userId or anonymousId");
        }
        String unstorable = unstorable("userId", userId);
        unstorable = unstorable != null ? unstorable : unstorable("anonymousId", anonymousId);
        unstorable = unstorable != null ? unstorable : unstorable("event", name);
        if (unstorable != null) {
            return rejected(unstorable);
        }
        String when = timestamp != null ? timestamp : originalTimestamp != null ? originalTimestamp : receivedAt;
        if (when == null) {
            return rejected("no timestamp");
        }
        Instant instant = Timestamps.parse(when);
        if (instant == null) {
            return rejected("bad timestamp '" + shorten(when)
                    + "': expected ISO-8601 with Z or an offset, e.g. 2026-03-01T10:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            return rejected("timestamp '" + shorten(when) + "' is outside the years 0001 to 9999");
        }
        return new Parsed(new Event(callType, userId, anonymousId, name, instant, properties, traits, messageId,
                context), null);
    }

    /**
     * Why the store cannot hold a text field as it is, or null: too long, or a lone UTF-16 surrogate, which UTF-8
     * cannot encode, so the database would replace it and two different ids would become one.
     */
    private static String unstorable(String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            return "'" + field + "' is " + value.length() + " characters long; at most " + MAX_TEXT_LENGTH
                    + " are accepted";
        }
        if (hasLoneSurrogate(value)) {
            return "'" + field + "' holds a lone UTF-16 surrogate, which cannot be stored";
        }
        return null;
    }

    /**
     * Whether a surrogate stands in the text outside a high-low pair; a loop, not a stream of code points, as every
     * call's ids and name go through it (a stream cost about a fifth of parsing a call).
     */
    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static Parsed rejected(String reason) {
        return new Parsed(null, reason);
    }

    /**
     * The parser's message without what only makes sense to a Jackson user: the source location (the line is in the
     * reject already) and the names of parser features and limits.
     */
    private static String parserMessage(String message) {
        String text = message == null ? "" : message;
        for (String tail : new String[] {" (start marker at", ": enable `", " [Source:"}) {
            int at = text.indexOf(tail);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        return shorten(text.replaceAll(", from `[^`]*`", ""));
    }

    private static String shorten(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        return first.length() > 120 ? first.substring(0, 117) + "..." : first;
    }
}
