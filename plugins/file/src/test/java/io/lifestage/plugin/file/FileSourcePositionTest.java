package io.lifestage.plugin.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.ClosedAfterEach;
import io.lifestage.testkit.TestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Positions a run can resume from, and following a file that grows while it is read. */
class FileSourcePositionTest {

    @TempDir
    Path dir;
    @RegisterExtension
    final ClosedAfterEach opened = new ClosedAfterEach();

    private Path file;
    private TestContext context;
    private Source source;

    private static String page(String userId) {
        return "{\"type\":\"page\",\"userId\":\"" + userId + "\",\"timestamp\":\"2026-03-01T10:00:00Z\"}\n";
    }

    /** Starts a new source on a file of this content, from its start. */
    private void start(String content, String... settings) throws IOException {
        resumeAt(null, content, settings);
    }

    /** Starts a new source on a file of this content, resuming after the position as after a committed run. */
    private void resumeAt(String position, String content, String... settings) throws IOException {
        file = Files.writeString(dir.resolve("input"), content, StandardCharsets.UTF_8);
        TestContext.Builder builder = FileSourceTest.reading(file).resumingAt(position);
        for (int i = 0; i < settings.length; i += 2) {
            builder.with(settings[i], settings[i + 1]);
        }
        context = builder.build();
        if (source != null) {
            source.close();
        }
        source = opened.add(context.startedSource());
    }

    private void append(String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static List<String> ids(List<Fact> facts) {
        return facts.stream().map(Fact::customerId).toList();
    }

    @Test
    void reportsTheByteOffsetAndLineAfterTheLastLineOfEachBatch() throws IOException {
        start(page("u0") + page("u1") + page("u2"), "batch-size", "2");
        int lineBytes = page("u0").length();

        assertThat(source.position()).isEmpty();
        assertThat(ids(source.poll())).containsExactly("u0", "u1");
        assertThat(source.position()).isEqualTo("offset " + 2 * lineBytes + " line 2");
        assertThat(ids(source.poll())).containsExactly("u2");
        assertThat(source.position()).isEqualTo("offset " + 3 * lineBytes + " line 3");
    }

    @Test
    void resumesAfterTheCommittedPositionWithoutReadingWhatCameBefore() throws IOException {
        String before = "not JSON, would be rejected if it were read again\n";
        int offset = before.length();

        resumeAt("offset " + offset + " line 1", before + page("u1") + "oops\n");

        assertThat(ids(source.poll())).containsExactly("u1");
        assertThat(context.rejects()).extracting(Rejection::position).containsExactly("line 3");
    }

    @Test
    void resumesACsvFileAfterItsHeaderAndItsCommittedRecords() throws IOException {
        String csv = "user_id,event,timestamp,note\n"
                + "u1,Signed Up,2026-03-01T10:00:00Z,\"two\nlines\"\n"
                + "u2,Signed Up,2026-03-01T10:00:00Z,\n"
                + "u3,Signed Up,2026-03-01T10:00:00Z,\n";
        start(csv, "format", "csv", "batch-size", "1");
        assertThat(ids(source.poll())).containsExactly("u1");
        String afterFirstRecord = source.position();
        assertThat(afterFirstRecord).isEqualTo("offset " + csv.indexOf("u2") + " line 3");

        resumeAt(afterFirstRecord, csv, "format", "csv");

        assertThat(ids(source.poll())).containsExactly("u2", "u3");
        assertThat(source.position()).isEqualTo("offset " + csv.length() + " line 5");
    }

    @Test
    void refusesAPositionItCannotHaveWritten() {
        assertThatThrownBy(() -> resumeAt("line 3", page("u1")))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("cannot resume " + dir.resolve("input") + " from position 'line 3':"
                        + " expected 'offset N line N'");
        assertThatThrownBy(() -> resumeAt("offset 9999 line 20", page("u1")))
                .hasMessage("cannot resume " + dir.resolve("input") + " at byte 9999: the file has"
                        + " only " + page("u1").length() + " bytes, so it was replaced or truncated; clear the"
                        + " committed position to read it from the start");
    }

    @Test
    void followingReturnsLinesAppendedAfterTheEnd() throws IOException {
        start(page("u1"), "follow", "true");
        assertThat(ids(source.poll())).containsExactly("u1");
        assertThat(source.poll()).isEmpty();

        append(page("u2") + page("u3"));

        assertThat(ids(source.poll())).containsExactly("u2", "u3");
        assertThat(source.position()).isEqualTo("offset " + 3 * page("u1").length() + " line 3");
    }

    @Test
    void followingLeavesAHalfWrittenLastLineUntilItsLineEndArrives() throws IOException {
        String second = page("u2");
        start(page("u1") + second.substring(0, 20), "follow", "true");

        assertThat(ids(source.poll())).containsExactly("u1");
        assertThat(source.poll()).isEmpty();
        assertThat(context.rejects()).isEmpty();
        assertThat(source.position()).isEqualTo("offset " + page("u1").length() + " line 1");

        append(second.substring(20));

        assertThat(ids(source.poll())).containsExactly("u2");
        assertThat(context.rejects()).isEmpty();
    }

    @Test
    void followingRejectsAnOverlongLineOnceItsLineEndArrives() throws IOException {
        String huge = "x".repeat(4 * FileSource.MAX_LINE_CHARS);
        start(huge, "follow", "true");

        assertThat(source.poll()).isEmpty();
        assertThat(context.rejects()).isEmpty();

        append(huge + "\n" + page("u2"));

        assertThat(ids(source.poll())).containsExactly("u2");
        assertThat(context.rejects()).singleElement().satisfies(rejection -> {
            assertThat(rejection.position()).isEqualTo("line 1");
            assertThat(rejection.reason()).isEqualTo("line longer than 1048576 characters");
        });
        assertThat(source.position()).isEqualTo("offset " + (2 * huge.length() + 1 + page("u2").length())
                + " line 2");
    }

    @Test
    void followingKeepsACsvRecordOpenUntilItsClosingQuoteArrives() throws IOException {
        start("user_id,event,timestamp,note\nu1,Signed Up,2026-03-01T10:00:00Z,\"first\n", "format", "csv",
                "follow", "true");

        assertThat(source.poll()).isEmpty();
        assertThat(source.position()).isEmpty();
        assertThat(context.rejects()).isEmpty();

        append("second\"\n");

        assertThat(source.poll()).singleElement()
                .satisfies(fact -> assertThat(((Event) fact).properties()).containsEntry("note", "first\nsecond"));
    }

    @Test
    void aBatchRunReadsALastLineWithoutLineEnd() throws IOException {
        String last = page("u2").strip();
        start(page("u1") + last);

        assertThat(ids(source.poll())).containsExactly("u1", "u2");
        assertThat(source.position()).isEqualTo("offset " + (page("u1").length() + last.length()) + " line 2");
    }
}
