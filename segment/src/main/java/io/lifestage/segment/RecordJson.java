package io.lifestage.segment;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decision, transition or action as one JSON object whose fields are the record's components, in their order and
 * with their names: {@code {"id":…,"customerId":…,"from":null,"to":…,"at":"2026-11-01T00:00:00Z",…,"actions":[…],
 * "policy":"kept_against_policy"}}. Instants are ISO-8601 text, lists JSON arrays, enum constants spelled as
 * {@link Wire} spells them, and an action's payload a JSON object whose numbers and booleans stay numbers and
 * booleans. Read from the record itself, so that a field added to the API is written too. Shared by
 * the file, kafka, webhook and spool sinks, the Kafka Streams node and the HTTP API ({@link #fields}), so that all
 * write transitions alike.
 */
public final class RecordJson {

    private static final JsonFactory JSON = new JsonFactory();
    /**
     * Each record type's components, looked up once: {@link Class#getRecordComponents} makes new components and
     * looks their accessors up on every call, which cost a million-customer run more than the JSON it wrote. Their
     * names are kept as JSON, quoted and encoded once.
     */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .map(component -> new Component(new SerializedString(component.getName()),
                            component.getAccessor())).toList();
        }
    };

    private record Component(SerializedString name, Method accessor) {

        Object read(Record record) {
            try {
                return accessor.invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read the components of " + record.getClass().getName(), e);
            }
        }
    }

    private RecordJson() {
    }

    /** The UTF-8 JSON of a record of the API ({@code Decision}, {@code Transition} or {@code ActionFired}). */
    public static byte[] write(Record record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(json, record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return out.toByteArray();
    }

    /** The JSON text of an action's payload, as {@link #write} writes it inside the action: for a CSV cell. */
    public static String json(Map<String, Object> payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            value(json, payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes a record of the API as the next value of {@code json}, for a document that holds several. */
    public static void write(JsonGenerator json, Record record) throws IOException {
        json.writeStartObject();
        for (Component component : COMPONENTS.get(record.getClass())) {
            json.writeFieldName(component.name());
            value(json, component.read(record));
        }
        json.writeEndObject();
    }

    /**
     * The same object as a map in component order, for an output that builds its JSON from maps (the HTTP API):
     * each value is text, null, a list of such values, or a payload's map (whose numbers and booleans stay so), as
     * {@link #write} writes it. The map may be added to.
     */
    public static Map<String, Object> fields(Record record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Component component : COMPONENTS.get(record.getClass())) {
            fields.put(component.name().getValue(), plain(component.read(record)));
        }
        return fields;
    }

    private static Object plain(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RecordJson::plain).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((key, item) -> plain.put(key.toString(), plain(item)));
            return plain;
        }
        return value instanceof Number || value instanceof Boolean ? value : text(value);
    }

    private static String text(Object value) {
        if (value instanceof Instant instant) {
            return Wire.instant(instant);
        }
        return value instanceof Enum<?> constant ? Wire.name(constant) : value.toString();
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                value(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(entry.getKey().toString());
                value(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Number || value instanceof Boolean) {
            json.writeObject(value);
        } else {
            json.writeString(text(value));
        }
    }
}
