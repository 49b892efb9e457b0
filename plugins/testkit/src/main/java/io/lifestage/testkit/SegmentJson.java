package io.lifestage.testkit;

import io.lifestage.api.Event;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes events as calls in the JSON shape of the Segment spec, the format most sources read, so that a contract
 * test can put {@link SourceContract#facts()} into its input: {@code Files.write(file, facts.stream().map(fact ->
 * SegmentJson.call((Event) fact)).toList())}.
 */
public final class SegmentJson {

    private SegmentJson() {
    }

    /**
     * One event as a one-line JSON object: {@code type}, {@code userId}, {@code anonymousId}, {@code event} (track
     * calls only), {@code timestamp}, {@code properties}, {@code traits}. Values may be strings, numbers, booleans,
     * maps and lists.
     */
    public static String call(Event event) {
        StringBuilder json = new StringBuilder("{\"type\":");
        string(json, event.type().name().toLowerCase(Locale.ROOT));
        if (event.userId() != null) {
            json.append(",\"userId\":");
            string(json, event.userId());
        }
        if (event.anonymousId() != null) {
            json.append(",\"anonymousId\":");
            string(json, event.anonymousId());
        }
        if (event.type() == Event.Type.TRACK) {
            json.append(",\"event\":");
            string(json, event.name());
        }
        json.append(",\"timestamp\":");
        string(json, event.timestamp().toString());
        json.append(",\"properties\":");
        value(json, event.properties());
        json.append(",\"traits\":");
        value(json, event.traits());
        return json.append('}').toString();
    }

    private static void value(StringBuilder json, Object value) {
        if (value instanceof String text) {
            string(json, text);
        } else if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            throw new IllegalArgumentException("JSON has no number " + value);
        } else if (value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(separator);
                string(json, entry.getKey().toString());
                json.append(':');
                value(json, entry.getValue());
                separator = ",";
            }
            json.append('}');
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                json.append(i == 0 ? "" : ",");
                value(json, list.get(i));
            }
            json.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: " + value);
        }
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
