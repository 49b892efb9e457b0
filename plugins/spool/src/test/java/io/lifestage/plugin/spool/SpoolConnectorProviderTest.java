package io.lifestage.plugin.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.ProviderContract;
import io.lifestage.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool provider honours the test kit's provider contract; and what its source rejects. */
class SpoolConnectorProviderTest extends ProviderContract {

    @TempDir
    Path dir;

    @Override
    protected ConnectorProvider provider() {
        return new SpoolConnectorProvider();
    }

    @Test
    void rejectsAFileThatIsNotASegmentCallNamingTheFileAndReadsOn() throws IOException {
        Files.writeString(dir.resolve("1.json"), "{\"type\":\"page\",\"userId\":\"u1\"}");
        Files.writeString(dir.resolve("2.json"),
                "{\"type\":\"page\",\"userId\":\"u2\",\"timestamp\":\"2026-03-01T10:00:00Z\"}");
        TestContext context = TestContext.forSource(new SpoolConnectorProvider()).with("directory", dir.toString())
                .build();

        List<Fact> facts;
        try (Source source = new SpoolConnectorProvider().source().orElseThrow().newInstance()) {
            source.start(context);
            facts = source.poll();
        }

        assertThat(facts).extracting(Fact::customerId).containsExactly("u2");
        assertThat(context.rejects()).containsExactly(
                new Rejection(dir.toString(), "1.json", "no timestamp", "{\"type\":\"page\",\"userId\":\"u1\"}"));
    }

    @Test
    void leavesFilesBeingWrittenUnderAnotherNameAlone() throws IOException {
        Files.writeString(dir.resolve("1.json.tmp"), "{\"type\":\"page\"");
        TestContext context = TestContext.forSource(new SpoolConnectorProvider()).with("directory", dir.toString())
                .build();

        try (Source source = new SpoolConnectorProvider().source().orElseThrow().newInstance()) {
            source.start(context);
            assertThat(source.poll()).isEmpty();
        }
        assertThat(context.rejects()).isEmpty();
    }
}
