package io.lifestage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What the memory connector does beyond the contracts, for the pipeline tests that use it. */
class InMemoryConnectorTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryConnector memory = new InMemoryConnector();

    @Test
    void isNotFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(ConnectorProvider.class).stream().map(ServiceLoader.Provider::type))
                .doesNotContain(InMemoryConnector.class);
    }

    @Test
    void forgetsWhatWasWrittenButNotFlushed() {
        Decision kept = new Decision("c1", "loyalty", "r", "why", AT, "v1");
        Decision lost = new Decision("c2", "churn", "r", "why", AT, "v1");
        try (Sink sink = memory.sink().orElseThrow().newInstance()) {
            sink.start(TestContext.forSink(memory).with("stream", "out").build());
            sink.writeDecisions(List.of(kept));
            sink.flush();
            sink.writeDecisions(List.of(lost));
        }

        assertThat(memory.decisions("out")).containsExactly(kept);
    }

    @Test
    void refusesAPositionPastTheEndOfTheStream() {
        memory.append("web", Event.track("u1", "Signed Up", AT, Map.of()));
        TestContext context = TestContext.forSource(memory).with("stream", "web").resumingAt("2").build();

        try (Source source = memory.source().orElseThrow().newInstance()) {
            assertThatThrownBy(() -> source.start(context))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage("cannot resume from position '2': expected the index of a"
                            + " fact of stream 'web', from 0 to 1");
        }
    }

    @Test
    void namesTheKnownStreamsWhenAskedForAnother() {
        memory.append("web").append("crm");
        TestContext context = TestContext.forSource(memory).with("stream", "shop").build();

        try (Source source = memory.source().orElseThrow().newInstance()) {
            assertThatThrownBy(() -> source.start(context))
                    .hasMessage("stream 'shop' does not exist (streams: [crm, web]);"
                            + " append facts to it before starting the source");
        }
    }
}
