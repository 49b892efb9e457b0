package io.lifestage.plugin.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.TestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment-style JSON lines in: each call becomes an event; each unusable line a reject with line and reason. */
class FileSourceTest {

    @TempDir
    Path dir;

    private TestContext context;

    /** A context for a file source reading this file, to which a test adds settings. */
    static TestContext.Builder reading(Path file) {
        return TestContext.forSource(new FileConnectorProvider()).with("path", file.toString());
    }

    private List<Fact> readAll(String content, Map<String, String> extra) throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        context = reading(file).with(extra).build();
        return readToEnd(context);
    }

    /** Starts a new file source with the context and polls until an empty batch, as a batch run does. */
    static List<Fact> readToEnd(TestContext context) {
        List<Fact> facts = new ArrayList<>();
        try (Source source = context.startedSource()) {
            for (List<Fact> batch = source.poll(); !batch.isEmpty(); batch = source.poll()) {
                facts.addAll(batch);
            }
        }
        return facts;
    }

    private List<Fact> readAll(String content) throws IOException {
        return readAll(content, Map.of());
    }

    private Event only(String line) throws IOException {
        List<Fact> facts = readAll(line + "\n");
        assertThat(context.rejects()).isEmpty();
        assertThat(facts).hasSize(1);
        return (Event) facts.get(0);
    }

    private String rejectionOf(String line) throws IOException {
        assertThat(readAll(line + "\n")).isEmpty();
        assertThat(context.rejects()).hasSize(1);
        assertThat(context.rejects().get(0).position()).isEqualTo("line 1");
        return context.rejects().get(0).reason();
    }

    /** A page call whose one property pads the line to exactly {@code chars} characters. */
    private static String pageLineOf(int chars, char pad) {
        String head = "{\"type\":\"page\",\"userId\":\"u\",\"timestamp\":\"2026-03-01T10:00:00Z\","
                + "\"properties\":{\"x\":\"";
        String tail = "\"}}";
        return head + String.valueOf(pad).repeat(chars - head.length() - tail.length()) + tail;
    }

    @Test
    void readsATrackCallWithItsProperties() throws IOException {
        Event event = only("{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Order Completed\","
                + "\"timestamp\":\"2026-03-01T10:00:00Z\",\"properties\":{\"order_id\":\"o1\",\"total\":59.9,"
                + "\"items\":[{\"sku\":\"A\",\"qty\":2}],\"coupon\":null},\"context\":{\"ip\":\"1.2.3.4\"}}");

        assertThat(event.type()).isEqualTo(Event.Type.TRACK);
        assertThat(event.name()).isEqualTo("Order Completed");
        assertThat(event.customerId()).isEqualTo("u1");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(event.properties()).containsOnlyKeys("order_id", "total", "items");
        assertThat(event.number("total")).isEqualTo(59.9);
        assertThat(event.properties().get("items")).isEqualTo(List.of(Map.of("sku", "A", "qty", 2L)));
    }

    @Test
    void namesPageScreenAndIdentifyCalls() throws IOException {
        List<Fact> facts = readAll("""
                {"type":"page","anonymousId":"a1","timestamp":"2026-03-01T10:00:00Z","properties":{"path":"/"}}
                {"type":"Screen","userId":"u1","timestamp":"2026-03-01T10:00:00Z"}
                {"type":"identify","userId":"u1","anonymousId":"a1","timestamp":"2026-03-01T10:00:00Z",\
                "traits":{"email":"x@example.com"}}
                """);

        assertThat(facts).extracting(f -> ((Event) f).name())
                .containsExactly(Event.PAGE_VIEWED, Event.SCREEN_VIEWED, Event.IDENTIFIED);
        Event identify = (Event) facts.get(2);
        assertThat(identify.userId()).isEqualTo("u1");
        assertThat(identify.anonymousId()).isEqualTo("a1");
        assertThat(identify.traits()).containsEntry("email", "x@example.com");
    }

    @Test
    void prefersTheUserIdAndAcceptsNumericIds() throws IOException {
        assertThat(only("{\"type\":\"page\",\"userId\":42,\"anonymousId\":\"a\","
                + "\"timestamp\":\"2026-03-01T10:00:00Z\"}")
                .customerId()).isEqualTo("42");
        assertThat(only("{\"type\":\"page\",\"userId\":\" \",\"anonymousId\":\"a\","
                + "\"timestamp\":\"2026-03-01T10:00:00Z\"}")
                .customerId()).isEqualTo("a");
    }

    @Test
    void readsTimestampsWithFractionsAndOffsetsAndFallsBackToOriginalTimestamp() throws IOException {
        List<Fact> facts = readAll("""
                {"type":"page","userId":"u","timestamp":"2026-03-01T10:00:00Z"}
                {"type":"page","userId":"u","timestamp":"2026-03-01T10:00:00.123Z"}
                {"type":"page","userId":"u","timestamp":"2026-03-01T12:00:00+02:00"}
                {"type":"page","userId":"u","timestamp":"2026-03-01T05:30:00.5-04:30"}
                {"type":"page","userId":"u","originalTimestamp":"2026-03-01T10:00:00Z",\
                "receivedAt":"2027-01-01T00:00:00Z"}
                {"type":"page","userId":"u","receivedAt":"2026-03-01T10:00:00Z"}
                """);

        assertThat(facts).extracting(f -> ((Event) f).timestamp()).containsExactly(
                Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:00:00.123Z"),
                Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:00:00.5Z"),
                Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void rejectsEachKindOfBadLineWithAReason() throws IOException {
        assertThat(rejectionOf("{\"type\":\"track\",\"userId\":\"u\",\"timestamp\":\"2026-03-01T10:00:00Z\""))
                .startsWith("malformed JSON: ");
        assertThat(rejectionOf("[1,2]")).isEqualTo("malformed JSON: a line must hold one JSON object");
        assertThat(rejectionOf("{\"userId\":\"u\",\"timestamp\":\"2026-03-01T10:00:00Z\"}")).isEqualTo("no type");
        assertThat(rejectionOf("{\"type\":\"alias\",\"userId\":\"u\",\"timestamp\":\"2026-03-01T10:00:00Z\"}"))
                .isEqualTo("call type 'alias' is not supported (track, page, screen, identify)");
        assertThat(rejectionOf("{\"type\":\"track\",\"userId\":\"u\",\"timestamp\":\"2026-03-01T10:00:00Z\"}"))
                .isEqualTo("track call without an event name");
        assertThat(rejectionOf("{\"type\":\"page\",\"timestamp\":\"2026-03-01T10:00:00Z\"}"))
                .isEqualTo("no userId or anonymousId");
        assertThat(rejectionOf("{\"type\":\"page\",\"userId\":\"u\"}")).isEqualTo("no timestamp");
        assertThat(rejectionOf("{\"type\":\"page\",\"userId\":\"u\",\"timestamp\":\"2026-03-01T10:00:00\"}"))
                .isEqualTo("bad timestamp '2026-03-01T10:00:00': expected ISO-8601 with Z or an offset,"
                        + " e.g. 2026-03-01T10:00:00Z");
        assertThat(rejectionOf("{\"type\":\"page\",\"userId\":\"u\",\"timestamp\":\"2026-02-30T10:00:00Z\"}"))
                .startsWith("bad timestamp '2026-02-30T10:00:00Z'");
        assertThat(rejectionOf("{\"type\":\"page\",\"userId\":\"u\",\"timestamp\":\"2026-03-01T10:00:00Z\","
                + "\"properties\":[1]}")).isEqualTo("'properties' must be a JSON object");
        assertThat(rejectionOf("{\"type\":\"identify\",\"userId\":\"u\",\"timestamp\":\"2026-03-01T10:00:00Z\","
                + "\"traits\":\"vip\"}")).isEqualTo("'traits' must be a JSON object");
        assertThat(rejectionOf("{\"type\":\"page\",\"userId\":\"u\",\"timestamp\":\"2026-03-01T10:00:00Z\"} x"))
                .startsWith("malformed JSON");
    }

    @Test
    void countsTheLineLimitInCharactersNotBytes() throws IOException {
        // 'é' takes two bytes: this line is 2 MiB of UTF-8 but exactly at the limit in characters.
        String atLimit = pageLineOf(FileSource.MAX_LINE_CHARS, '\u00e9');

        assertThat(only(atLimit).properties().get("x").toString()).startsWith("\u00e9\u00e9");
        assertThat(rejectionOf(pageLineOf(FileSource.MAX_LINE_CHARS + 1, '\u00e9')))
                .isEqualTo("line longer than 1048576 characters");
        assertThat(context.rejects().get(0).record()).hasSize(1_000);
    }

    @Test
    void rejectsAnOversizeLineWithoutHoldingItAndReadsOn() throws IOException {
        String huge = pageLineOf(4 * FileSource.MAX_LINE_CHARS, 'y');

        List<Fact> facts = readAll(huge + "\n"
                + "{\"type\":\"page\",\"userId\":\"after\",\"timestamp\":\"2026-03-01T10:00:00Z\"}\n");

        assertThat(facts).extracting(Fact::customerId).containsExactly("after");
        assertThat(context.rejects()).singleElement().satisfies(rejection -> {
            assertThat(rejection.position()).isEqualTo("line 1");
            assertThat(rejection.reason()).isEqualTo("line longer than 1048576 characters");
            assertThat(rejection.record()).isEqualTo(huge.substring(0, 1_000));
        });
    }

    @Test
    void keepsEveryGoodLineAroundBadOnesAndCountsLinesAsAnEditorDoes() throws IOException {
        List<Fact> facts = readAll("\uFEFF{\"type\":\"page\",\"userId\":\"u1\","
                + "\"timestamp\":\"2026-03-01T10:00:00Z\"}\r\n"
                + "\r\n"
                + "oops\r\n"
                + "{\"type\":\"page\",\"userId\":\"u2\",\"timestamp\":\"2026-03-01T10:00:00Z\"}\r\n"
                + "   \n"
                + "{\"type\":\"page\",\"userId\":\"u3\",\"timestamp\":\"later\"}\n"
                + "{\"type\":\"page\",\"userId\":\"u4\",\"timestamp\":\"2026-03-01T10:00:00Z\"}");

        assertThat(facts).extracting(Fact::customerId).containsExactly("u1", "u2", "u4");
        assertThat(context.rejects()).extracting(Rejection::position).containsExactly("line 3", "line 6");
        assertThat(context.rejects().get(0).source()).endsWith("events.jsonl");
        assertThat(context.rejects().get(0).record()).isEqualTo("oops");
    }

    @Test
    void explainsMalformedJsonWithoutTheParsersInternals() throws IOException {
        assertThat(rejectionOf("{\"type\":\"page\",\"userId\":\"u\""))
                .isEqualTo("malformed JSON: Unexpected end-of-input: expected close marker for Object");
        assertThat(rejectionOf("{\"type\":\"page\",\"properties\":{\"x\":NaN}}"))
                .startsWith("malformed JSON: Non-standard token 'NaN'")
                .doesNotContain("`", "Feature");
        assertThat(rejectionOf("{\"properties\":{\"x\":" + "[".repeat(1_100) + "]".repeat(1_100) + "}}"))
                .startsWith("malformed JSON: Document nesting depth")
                .doesNotContain("`", "Constraints");
    }

    @Test
    void keepsIntegersBeyondTheRangeOfALongAsDoubles() throws IOException {
        Event event = only("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Order Completed\","
                + "\"timestamp\":\"2026-03-01T10:00:00Z\",\"properties\":{\"id\":123456789012345678901234567890,"
                + "\"qty\":3}}");

        assertThat(event.properties()).containsEntry("id", 1.2345678901234568E29).containsEntry("qty", 3L);
    }

    @Test
    void rejectsALineThatIsNotUtf8AndReadsOn() throws IOException {
        Path file = dir.resolve("latin1.jsonl");
        Files.write(file, ("{\"type\":\"page\",\"userId\":\"u1\",\"timestamp\":\"2026-03-01T10:00:00Z\"}\n"
                + "{\"type\":\"page\",\"userId\":\"jos\u00e9\",\"timestamp\":\"2026-03-01T10:00:00Z\"}\n"
                + "{\"type\":\"page\",\"userId\":\"u3\",\"timestamp\":\"2026-03-01T10:00:00Z\"}\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        TestContext latin1 = reading(file).build();
        List<Fact> facts = new ArrayList<>();
        try (Source source = latin1.startedSource()) {
            facts.addAll(source.poll());
        }

        assertThat(facts).extracting(Fact::customerId).containsExactly("u1", "u3");
        assertThat(latin1.rejects()).singleElement().satisfies(rejection -> {
            assertThat(rejection.position()).isEqualTo("line 2");
            assertThat(rejection.reason()).startsWith("malformed JSON: Invalid UTF-8");
        });
    }

    @Test
    void endsLinesOnlyAtLineFeeds() throws IOException {
        // A lone CR is JSON white space, not a line end: editors that number lines do not count it either.
        List<Fact> facts = readAll("{\"type\":\"page\",\r\"userId\":\"u1\",\"timestamp\":\"2026-03-01T10:00:00Z\"}\n"
                + "oops\n");

        assertThat(facts).extracting(Fact::customerId).containsExactly("u1");
        assertThat(context.rejects()).extracting(Rejection::position).containsExactly("line 2");
    }

    @Test
    void anEmptyFileOrOneOfBlankLinesHasNoFacts() throws IOException {
        assertThat(readAll("")).isEmpty();
        assertThat(readAll("\uFEFF")).isEmpty();
        assertThat(readAll("\n \t\r\n\u2003\n")).isEmpty();
        assertThat(context.rejects()).isEmpty();
    }

    @Test
    void pollsInBatchesAndEndsWithAnEmptyBatch() throws IOException {
        Path file = dir.resolve("events.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            lines.append("{\"type\":\"page\",\"userId\":\"u").append(i)
                    .append("\",\"timestamp\":\"2026-03-01T10:00:00Z\"}\n");
        }
        Files.writeString(file, lines);
        Source source = reading(file).with("batch-size", "2").build().startedSource();

        assertThat(source.poll()).extracting(Fact::customerId).containsExactly("u0", "u1");
        assertThat(source.poll()).extracting(Fact::customerId).containsExactly("u2", "u3");
        assertThat(source.poll()).extracting(Fact::customerId).containsExactly("u4");
        assertThat(source.poll()).isEmpty();
        assertThat(source.poll()).isEmpty();
        source.close();
        source.close();
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.jsonl");

        assertThatThrownBy(() -> reading(missing).build().startedSource())
                .isInstanceOf(ConnectorException.class)
                .hasMessage("cannot read " + missing + ": no such file or directory")
                .satisfies(e -> assertThat(((ConnectorException) e).retriable()).isFalse());
    }

    @Test
    void aDirectoryIsRefusedAtStart() {
        assertThatThrownBy(() -> reading(dir).build().startedSource())
                .isInstanceOf(ConnectorException.class)
                .hasMessage("cannot read " + dir + ": it is a directory; setting 'path' must name"
                        + " a file");
    }

    @Test
    void aMissingPathNamesTheKey() {
        assertThatThrownBy(() -> TestContext.forSource(new FileConnectorProvider()).build().startedSource())
                .hasMessage("required setting 'path' is missing");
    }
}
