package io.lifestage.plugin.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lifestage.api.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions out, as JSON lines or CSV that spreadsheets and parsers read back unchanged. */
class FileSinkTest {

    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
    private static final Decision TRICKY = new Decision("u\"1", "churn", "churn-inactive",
            "no activity, \"really\"\nfor 200 days", AS_OF, "abc123def456");

    @TempDir
    Path dir;

    private Path write(String format, List<Decision> decisions) {
        Path file = dir.resolve("out/decisions." + format);
        try (FileSink sink = new FileSink()) {
            sink.start(new RecordingContext(Map.of("path", file.toString(), "format", format)));
            sink.write(decisions);
            sink.flush();
        }
        return file;
    }

    @Test
    void writesJsonLinesThatParseBackToTheSameDecision() throws IOException {
        Path file = write("jsonl", List.of(TRICKY, new Decision("u2", "loyalty", "r", "x", AS_OF, "v")));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(fields(lines.get(0))).containsExactly(
                Map.entry("customerId", "u\"1"), Map.entry("stage", "churn"), Map.entry("rule", "churn-inactive"),
                Map.entry("reason", "no activity, \"really\"\nfor 200 days"),
                Map.entry("asOf", "2026-06-01T00:00:00Z"), Map.entry("ruleBaseVersion", "abc123def456"));
    }

    @Test
    void writesCsvWithAHeaderAndQuotesWhatNeedsIt() throws IOException {
        Path file = write("csv", List.of(TRICKY));

        assertThat(Files.readString(file)).isEqualTo("customerId,stage,rule,reason,asOf,ruleBaseVersion\n"
                + "\"u\"\"1\",churn,churn-inactive,\"no activity, \"\"really\"\"\nfor 200 days\","
                + "2026-06-01T00:00:00Z,abc123def456\n");
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = write("jsonl", List.of(TRICKY, TRICKY, TRICKY));
        write("jsonl", List.of(TRICKY));

        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    private static Map<String, String> fields(String line) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(line)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                fields.put(name, parser.getText());
            }
        }
        return fields;
    }
}
