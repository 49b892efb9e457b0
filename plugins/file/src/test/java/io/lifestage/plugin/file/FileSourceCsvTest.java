package io.lifestage.plugin.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.testkit.TestContext;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV in: CRM contact exports become profiles, event logs become track events; bad rows are rejected by line. */
class FileSourceCsvTest {

    private static final String EVENTS_HEADER = "user_id,event,timestamp\n";
    private static final Instant MARCH_1 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private TestContext context;

    private List<Fact> readAll(byte[] content, Map<String, String> extra) throws IOException {
        Path file = Files.write(dir.resolve("input.csv"), content);
        context = FileSourceTest.reading(file).with(extra).with("format", "csv").build();
        return FileSourceTest.readToEnd(context);
    }

    private List<Fact> readAll(String content, String... settings) throws IOException {
        Map<String, String> extra = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            extra.put(settings[i], settings[i + 1]);
        }
        return readAll(content.getBytes(StandardCharsets.UTF_8), extra);
    }

    private Rejection onlyReject(String content, String... settings) throws IOException {
        assertThat(readAll(content, settings)).isEmpty();
        assertThat(context.rejects()).hasSize(1);
        return context.rejects().get(0);
    }

    private String startFailure(String content, String... settings) {
        Throwable failure = catchThrowable(() -> readAll(content, settings));
        assertThat(failure).isInstanceOf(ConnectorException.class);
        return failure.getMessage();
    }

    @Test
    void readsEventsWithTypedProperties() throws IOException {
        List<Fact> facts = readAll("user_id,event,timestamp,total,qty,vip,zip,coupon,note\n"
                + "u1,Order Completed,2026-03-01T12:00:00+02:00,59.90,3,TRUE,02134,,-0\n");

        Event event = (Event) facts.get(0);
        assertThat(event.type()).isEqualTo(Event.Type.TRACK);
        assertThat(event.customerId()).isEqualTo("u1");
        assertThat(event.name()).isEqualTo("Order Completed");
        assertThat(event.timestamp()).isEqualTo(MARCH_1);
        assertThat(event.properties()).containsOnly(Map.entry("total", 59.9), Map.entry("qty", 3L),
                Map.entry("vip", true), Map.entry("zip", "02134"), Map.entry("note", 0L));
    }

    @Test
    void readsProfilesFromACrmContactsExport() throws IOException {
        List<Fact> facts = readAll("id,email,plan,seats,updated_at\n"
                + "c1,ann@example.com,pro,12,2026-03-01T10:00:00Z\n"
                + "c2,,free,,2026-03-02T10:00:00Z\n", "kind", "profiles");

        assertThat(facts).containsExactly(
                new CustomerProfile("c1", Map.of("email", "ann@example.com", "plan", "pro", "seats", 12L), MARCH_1),
                new CustomerProfile("c2", Map.of("plan", "free"), Instant.parse("2026-03-02T10:00:00Z")));
    }

    @Test
    void takesItsColumnsAndDelimiterFromSettings() throws IOException {
        List<Fact> facts = readAll("Contact ID;Modified;Country\nc1;2026-03-01T10:00:00Z;FR\n", "kind", "profiles",
                "delimiter", ";", "id-column", "Contact ID", "updated-column", "Modified");

        assertThat(facts).containsExactly(new CustomerProfile("c1", Map.of("Country", "FR"), MARCH_1));
    }

    @Test
    void readsQuotedDelimitersDoubledQuotesAndLineBreaksWithBomAndCrlf() throws IOException {
        List<Fact> facts = readAll("\uFEFFuser_id,event,timestamp,note\r\n"
                + "u1,Order Completed,2026-03-01T10:00:00Z,\"big, \"\"rush\"\" order\"\r\n"
                + "u2,Note Added,2026-03-01T10:00:00Z,\"first line\r\nsecond line\"\r\n"
                + "u3,,2026-03-01T10:00:00Z,x\r\n");

        assertThat(facts).extracting(fact -> ((Event) fact).properties().get("note"))
                .containsExactly("big, \"rush\" order", "first line\nsecond line");
        assertThat(context.rejects()).extracting(Rejection::position).containsExactly("line 5");
    }

    @Test
    void decodesTheConfiguredEncoding() throws IOException {
        byte[] export = ("id,name,updated_at\nc1,Ren\u00e9e \u2019\u20ac\u2019,2026-03-01T10:00:00Z\n")
                .getBytes(Charset.forName("windows-1252"));

        List<Fact> facts = readAll(export, Map.of("kind", "profiles", "encoding", "windows-1252"));

        assertThat(((CustomerProfile) facts.get(0)).traits()).containsEntry("name", "Ren\u00e9e \u2019\u20ac\u2019");
    }

    @Test
    void rejectsBytesTheEncodingDoesNotDefineAndReadsOn() throws IOException {
        byte[] export = ("id,name,updated_at\nc1,Ren\u00e9e,2026-03-01T10:00:00Z\nc2,Bob,2026-03-01T10:00:00Z\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        List<Fact> facts = readAll(export, Map.of("kind", "profiles"));

        assertThat(facts).extracting(Fact::customerId).containsExactly("c2");
        assertThat(context.rejects()).singleElement().satisfies(rejection -> {
            assertThat(rejection.position()).isEqualTo("line 2");
            assertThat(rejection.reason()).isEqualTo("undecodable bytes: line 2 is not valid UTF-8");
            assertThat(rejection.record()).startsWith("c1,Ren");
        });
    }

    @Test
    void rejectsEachKindOfBadRowAtItsFirstLine() throws IOException {
        assertThat(onlyReject(EVENTS_HEADER + "u1,Signed Up\n").reason())
                .isEqualTo("2 fields, expected 3 as in the header");
        assertThat(onlyReject(EVENTS_HEADER + " ,Signed Up,2026-03-01T10:00:00Z\n").reason())
                .isEqualTo("missing id: column 'user_id' is empty");
        assertThat(onlyReject(EVENTS_HEADER + "u1,,2026-03-01T10:00:00Z\n").reason())
                .isEqualTo("missing event name: column 'event' is empty");
        assertThat(onlyReject(EVENTS_HEADER + "u1,Signed Up,\n").reason())
                .isEqualTo("missing time: column 'timestamp' is empty");
        assertThat(onlyReject(EVENTS_HEADER + "u1,Signed Up,2026-03-01 10:00\n").reason())
                .isEqualTo("bad timestamp '2026-03-01 10:00' in column 'timestamp': expected ISO-8601 with Z or an"
                        + " offset, e.g. 2026-03-01T10:00:00Z");
        assertThat(onlyReject("id,updated_at\nc1,\n", "kind", "profiles").reason())
                .isEqualTo("missing time: column 'updated_at' is empty");

        Rejection unclosed = onlyReject(EVENTS_HEADER + "\nu1,\"Signed Up,2026-03-01T10:00:00Z\nu2,x,y\n");
        assertThat(unclosed.position()).isEqualTo("line 3");
        assertThat(unclosed.reason()).isEqualTo("unclosed quote");
        assertThat(unclosed.record()).isEqualTo("u1,\"Signed Up,2026-03-01T10:00:00Z\nu2,x,y");
    }

    @Test
    void rejectsAFieldOverTheLimitAndReadsOnAtTheNextLine() throws IOException {
        List<Fact> facts = readAll(EVENTS_HEADER
                + "u1,Signed Up,\"2026-03-01T10:00:00Z and far too much text\n"
                + "u2,Signed Up,2026-03-01T10:00:00Z\n", "max-field-chars", "20");

        assertThat(facts).extracting(Fact::customerId).containsExactly("u2");
        assertThat(context.rejects()).singleElement().satisfies(rejection -> {
            assertThat(rejection.position()).isEqualTo("line 2");
            assertThat(rejection.reason()).isEqualTo("field longer than 20 characters (column 3)");
        });
    }

    @Test
    void rejectsALineOverTheLimitWithoutHoldingIt() throws IOException {
        String huge = "u1,Signed Up,2026-03-01T10:00:00Z," + "y".repeat(4 * FileSource.MAX_LINE_CHARS);

        List<Fact> facts = readAll("user_id,event,timestamp,note\n" + huge + "\nu2,Signed Up,2026-03-01T10:00:00Z,\n");

        assertThat(facts).extracting(Fact::customerId).containsExactly("u2");
        assertThat(context.rejects()).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo("line longer than 1048576 characters");
            assertThat(rejection.record()).isEqualTo(huge.substring(0, 1_000));
        });
    }

    @Test
    void headerProblemsFailTheStartNamingTheFileTheColumnAndTheHeader() {
        Path file = dir.resolve("input.csv");

        assertThat(startFailure("userId,event,timestamp\n")).isEqualTo("cannot read " + file
                + ": the header has no column 'user_id' (setting 'id-column'); it has [userId, event, timestamp]");
        assertThat(startFailure("id,email\n", "kind", "profiles")).isEqualTo("cannot read " + file
                + ": the header has no column 'updated_at' (setting 'updated-column'); it has [id, email]");
        assertThat(startFailure("user_id,event,time\n")).endsWith("no column 'timestamp' (setting 'time-column');"
                + " it has [user_id, event, time]");
        assertThat(startFailure("user_id,event,timestamp,event\n"))
                .endsWith("column 'event' appears twice in the header [user_id, event, timestamp, event]");
        assertThat(startFailure("")).isEqualTo("cannot read " + file
                + ": no header row; the first line must name the columns");
        assertThat(startFailure("user_id,\"event\n")).isEqualTo("cannot read the header of "
                + file + " at line 1: unclosed quote");
    }

    @Test
    void badCsvSettingsNameTheKey() {
        assertThat(startFailure(EVENTS_HEADER, "delimiter", "\""))
                .isEqualTo("setting 'delimiter' must be one character other than a quote or a line"
                        + " end, got '\"'");
        assertThat(startFailure(EVENTS_HEADER, "encoding", "klingon")).startsWith(
                "setting 'encoding' is 'klingon', which this Java runtime does not know");
        assertThat(startFailure(EVENTS_HEADER, "encoding", "UTF-16")).contains("not UTF-16 or UTF-32");
    }
}
