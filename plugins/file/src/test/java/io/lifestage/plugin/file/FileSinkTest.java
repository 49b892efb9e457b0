package io.lifestage.plugin.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lifestage.api.Decision;
import io.lifestage.api.spi.ConnectorException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
            sink.writeDecisions(decisions);
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
        Path file = write("csv", List.of(TRICKY, new Decision("u2", "loyalty", "r", "carriage\rreturn", AS_OF, "v")));

        assertThat(Files.readString(file)).isEqualTo("customerId,stage,rule,reason,asOf,ruleBaseVersion\n"
                + "\"u\"\"1\",churn,churn-inactive,\"no activity, \"\"really\"\"\nfor 200 days\","
                + "2026-06-01T00:00:00Z,abc123def456\n"
                + "u2,loyalty,r,\"carriage\rreturn\",2026-06-01T00:00:00Z,v\n");
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = write("jsonl", List.of(TRICKY, TRICKY, TRICKY));
        write("jsonl", List.of(TRICKY));

        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void writesToStandardOutputAndLeavesItOpen() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(stdout);
        try (FileSink sink = new FileSink()) {
            sink.start(new RecordingContext(Map.of("path", "-", "format", "csv")));
            sink.writeDecisions(List.of(new Decision("u1", "churn", "r", "quiet", AS_OF, "v")));
            sink.flush();
        } finally {
            System.setOut(original);
        }
        stdout.print("still open");

        assertThat(stdout.checkError()).isFalse();
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo(
                "customerId,stage,rule,reason,asOf,ruleBaseVersion\nu1,churn,r,quiet,2026-06-01T00:00:00Z,v\nstill open");
    }

    @Test
    void closingTwiceIsHarmless() {
        Path file = dir.resolve("decisions.jsonl");
        FileSink sink = new FileSink();
        sink.start(new RecordingContext(Map.of("path", file.toString())));
        sink.close();
        sink.close();

        assertThat(file).exists().isEmptyFile();
    }

    @Test
    void refusesAnUnknownFormatNamingTheAllowedOnes() {
        assertThatThrownBy(() -> new FileSink().start(new RecordingContext(Map.of("path", "-", "format", "xlsx"))))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("connector 'test': setting 'format' is 'xlsx', expected one of csv, jsonl");
    }

    @Test
    void anUnwritablePathIsNamed() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = notADirectory.resolve("decisions.jsonl");

        assertThatThrownBy(() -> new FileSink().start(new RecordingContext(Map.of("path", file.toString()))))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("connector 'test': cannot write " + file + ": ")
                .satisfies(e -> assertThat(((ConnectorException) e).retriable()).isFalse());
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
