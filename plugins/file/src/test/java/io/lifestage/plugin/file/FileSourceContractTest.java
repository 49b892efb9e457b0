package io.lifestage.plugin.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SourceContract;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The file source honours the source contract, reading the contract's events as Segment JSON lines. */
class FileSourceContractTest extends SourceContract {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    protected ConnectorProvider provider() {
        return new FileConnectorProvider();
    }

    @Override
    protected Input prepare(Path dir, List<Fact> facts) throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, segmentLines(facts), StandardCharsets.UTF_8);
        return Input.fixed(Map.of("path", file.toString(), "batch-size", "2"));
    }

    @Override
    protected Map<String, String> failingSettings(Path dir) {
        return Map.of("path", dir.resolve("missing.jsonl").toString());
    }

    private static List<String> segmentLines(List<Fact> facts) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Fact fact : facts) {
            lines.add(segmentLine((Event) fact));
        }
        return lines;
    }

    private static String segmentLine(Event event) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", event.type().name().toLowerCase(Locale.ROOT));
            if (event.userId() != null) {
                json.writeStringField("userId", event.userId());
            }
            if (event.anonymousId() != null) {
                json.writeStringField("anonymousId", event.anonymousId());
            }
            if (event.type() == Event.Type.TRACK) {
                json.writeStringField("event", event.name());
            }
            json.writeStringField("timestamp", event.timestamp().toString());
            writeMap(json, "properties", event.properties());
            writeMap(json, "traits", event.traits());
            json.writeEndObject();
        }
        return out.toString();
    }

    /** Writes the flat maps of strings, whole numbers and decimals the contract's events carry. */
    private static void writeMap(JsonGenerator json, String field, Map<String, Object> values) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (entry.getValue() instanceof Long whole) {
                json.writeNumberField(entry.getKey(), whole);
            } else if (entry.getValue() instanceof Double decimal) {
                json.writeNumberField(entry.getKey(), decimal);
            } else {
                json.writeStringField(entry.getKey(), entry.getValue().toString());
            }
        }
        json.writeEndObject();
    }
}
