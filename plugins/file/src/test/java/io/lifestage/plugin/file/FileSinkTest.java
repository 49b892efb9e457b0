package io.lifestage.plugin.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import io.lifestage.testkit.TestContext;
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

/** Decisions, transitions or actions out, as JSON lines or CSV that spreadsheets and parsers read back unchanged. */
class FileSinkTest {

    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
    private static final Decision TRICKY = new Decision("u\"1", "churn", "churn-inactive",
            "no activity, \"really\"\nfor 200 days", AS_OF, "abc123def456");

    private static final Transition FIRST_MOVE = new Transition("t1", "u1", null, "awareness", AS_OF, "seen",
            "first visit", "v1", List.of(), Transition.Policy.ALLOWED);
    private static final Transition CHURNED = new Transition("t2", "u2", "loyalty", "churn", AS_OF, "churn-inactive",
            "quiet, for 200 days", "v1", List.of("win-back", "survey"), Transition.Policy.KEPT_AGAINST_POLICY);

    @TempDir
    Path dir;

    private Path write(String format, List<Decision> decisions) {
        return write(dir.resolve("out/decisions." + format), Map.of("format", format), decisions, List.of());
    }

    /** A new file sink writing to the path ({@code -} for standard output), started with the given settings. */
    private static Sink started(String path, Map<String, String> settings) {
        return TestContext.forSink(new FileConnectorProvider()).with(settings).with("path", path).build()
                .startedSink();
    }

    /** Writes both kinds through one sink with the given settings, as the engine does. */
    private static Path write(Path file, Map<String, String> settings, List<Decision> decisions,
            List<Transition> transitions) {
        try (Sink sink = started(file.toString(), settings)) {
            sink.writeDecisions(decisions);
            sink.writeTransitions(transitions);
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
    void writesTextBeyondAsciiAsItsUtf8BytesNotAsEscapes() throws IOException {
        Path file = write("jsonl", List.of(new Decision("u-ß", "churn", "r", "quiet 😴 since März", AS_OF, "v")));

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"customerId\":\"u-ß\","
                + "\"stage\":\"churn\",\"rule\":\"r\",\"reason\":\"quiet 😴 since März\","
                + "\"asOf\":\"2026-06-01T00:00:00Z\",\"ruleBaseVersion\":\"v\"}\n");
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
    void writesTransitionsAsJsonLinesWithTheirActionsAsAnArray() throws IOException {
        Path file = write(dir.resolve("moves.jsonl"), Map.of("content", "transitions"), List.of(),
                List.of(FIRST_MOVE, CHURNED));

        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"id\":\"t1\",\"customerId\":\"u1\",\"from\":null,\"to\":\"awareness\","
                        + "\"at\":\"2026-06-01T00:00:00Z\",\"rule\":\"seen\",\"reason\":\"first visit\","
                        + "\"ruleBaseVersion\":\"v1\",\"actions\":[],\"policy\":\"allowed\"}",
                "{\"id\":\"t2\",\"customerId\":\"u2\",\"from\":\"loyalty\",\"to\":\"churn\","
                        + "\"at\":\"2026-06-01T00:00:00Z\",\"rule\":\"churn-inactive\","
                        + "\"reason\":\"quiet, for 200 days\","
                        + "\"ruleBaseVersion\":\"v1\",\"actions\":[\"win-back\",\"survey\"],"
                        + "\"policy\":\"kept_against_policy\"}");
    }

    @Test
    void writesTransitionsAsCsvWithTheirActionsJoinedByCommasInAQuotedCell() throws IOException {
        Path file = write(dir.resolve("moves.csv"), Map.of("format", "csv", "content", "transitions"), List.of(),
                List.of(FIRST_MOVE, CHURNED));

        assertThat(Files.readString(file)).isEqualTo(
                "id,customerId,from,to,at,rule,reason,ruleBaseVersion,actions,policy\n"
                + "t1,u1,,awareness,2026-06-01T00:00:00Z,seen,first visit,v1,,allowed\n"
                + "t2,u2,loyalty,churn,2026-06-01T00:00:00Z,churn-inactive,\"quiet, for 200 days\",v1,"
                + "\"win-back,survey\",kept_against_policy\n");
    }

    @Test
    void writesActionsWithTheirPayloadAsJsonAndIgnoresTheOtherKinds() throws IOException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("traits", Map.of("email", "ann@example.com"));
        payload.put("event", Map.of("properties", Map.of("total", 80.5)));
        ActionFired reminder = new ActionFired("a1", "ann", "abandoned-cart-email", "email:abandoned-cart", AS_OF,
                "journey:abandoned-cart", payload);
        Map<Path, Map<String, String>> outputs = Map.of(
                dir.resolve("actions.jsonl"), Map.of("content", "actions"),
                dir.resolve("actions.csv"), Map.of("content", "actions", "format", "csv"));
        outputs.forEach((file, settings) -> {
            try (Sink sink = started(file.toString(), settings)) {
                sink.writeDecisions(List.of(TRICKY));
                sink.writeTransitions(List.of(CHURNED));
                sink.writeActions(List.of(reminder));
                sink.flush();
            }
        });

        String json = "{\"traits\":{\"email\":\"ann@example.com\"},\"event\":{\"properties\":{\"total\":80.5}}}";
        assertThat(Files.readAllLines(dir.resolve("actions.jsonl"))).containsExactly("{\"id\":\"a1\","
                + "\"customerId\":\"ann\",\"action\":\"abandoned-cart-email\",\"channel\":\"email:abandoned-cart\","
                + "\"at\":\"2026-06-01T00:00:00Z\",\"cause\":\"journey:abandoned-cart\",\"payload\":" + json + "}");
        assertThat(Files.readString(dir.resolve("actions.csv"))).isEqualTo(
                "id,customerId,action,channel,at,cause,payload\n"
                + "a1,ann,abandoned-cart-email,email:abandoned-cart,2026-06-01T00:00:00Z,journey:abandoned-cart,\""
                + json.replace("\"", "\"\"") + "\"\n");
    }

    @Test
    void writesOnlyTheContentItIsConfiguredFor() throws IOException {
        Decision decision = new Decision("u1", "churn", "r", "quiet", AS_OF, "v");
        Path decisions = write(dir.resolve("decisions.csv"), Map.of("format", "csv"), List.of(decision),
                List.of(CHURNED));
        Path moves = write(dir.resolve("moves.csv"), Map.of("format", "csv", "content", "transitions"),
                List.of(decision), List.of(CHURNED));

        assertThat(Files.readAllLines(decisions)).hasSize(2).last().asString().startsWith("u1,churn,");
        assertThat(Files.readAllLines(moves)).hasSize(2).last().asString().startsWith("t2,u2,");
    }

    @Test
    void appendKeepsTheFileAndWritesTheCsvHeaderOnlyIntoAnEmptyFile() throws IOException {
        Path file = dir.resolve("moves.csv");
        Map<String, String> appending = Map.of("format", "csv", "content", "transitions", "mode", "append");

        write(file, appending, List.of(), List.of(FIRST_MOVE));
        write(file, appending, List.of(), List.of(CHURNED));

        assertThat(Files.readAllLines(file)).extracting(line -> line.substring(0, 2))
                .containsExactly("id", "t1", "t2");
    }

    @Test
    void appendAddsJsonLinesAfterTheExistingOnes() throws IOException {
        Path file = dir.resolve("decisions.jsonl");

        write(file, Map.of("mode", "append"), List.of(TRICKY), List.of());
        write(file, Map.of("mode", "append"), List.of(TRICKY, TRICKY), List.of());

        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void writesToStandardOutputAndLeavesItOpen() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(stdout);
        try (Sink sink = started("-", Map.of("format", "csv"))) {
            sink.writeDecisions(List.of(new Decision("u1", "churn", "r", "quiet", AS_OF, "v")));
            sink.flush();
        } finally {
            System.setOut(original);
        }
        stdout.print("still open");

        assertThat(stdout.checkError()).isFalse();
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo(
                "customerId,stage,rule,reason,asOf,ruleBaseVersion\n"
                        + "u1,churn,r,quiet,2026-06-01T00:00:00Z,v\nstill open");
    }

    @Test
    void closingTwiceIsHarmless() {
        Path file = dir.resolve("decisions.jsonl");
        Sink sink = started(file.toString(), Map.of());
        sink.close();
        sink.close();

        assertThat(file).exists().isEmptyFile();
    }

    @Test
    void anUnwritablePathIsNamed() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = notADirectory.resolve("decisions.jsonl");

        assertThatThrownBy(() -> started(file.toString(), Map.of()))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("cannot write " + file + ": ")
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
