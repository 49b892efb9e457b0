package io.lifestage.segment;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * A decision or transition as one JSON object whose fields are the record's components, in their order and with
 * their names: {@code {"id":…,"customerId":…,"from":null,"to":…,"at":"2026-11-01T00:00:00Z",…,"actions":[…],
 * "policy":"kept_against_policy"}}. Instants are ISO-8601 text, lists JSON arrays and enum constants spelled as
 * {@link Wire} spells them. Read from the record itself, so that a field added to the API is written too. Shared by
 * the file, kafka, webhook and spool sinks and the Kafka Streams node, so that all write transitions alike.
 */
public final class RecordJson {

    private static final JsonFactory JSON = new JsonFactory();

    private RecordJson() {
    }

    /** The UTF-8 JSON of a record of the API ({@code Decision} or {@code Transition}). */
    public static byte[] write(Record record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(json, record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return out.toByteArray();
    }

    /** Writes a record of the API as the next value of {@code json}, for a document that holds several. */
    public static void write(JsonGenerator json, Record record) throws IOException {
        json.writeStartObject();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            json.writeFieldName(component.getName());
            try {
                value(json, component.getAccessor().invoke(record));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read the components of " + record.getClass().getName(), e);
            }
        }
        json.writeEndObject();
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
        } else if (value instanceof Enum<?> constant) {
            json.writeString(Wire.name(constant));
        } else {
            json.writeString(value.toString());
        }
    }
}
