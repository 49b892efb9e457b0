package io.lifestage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Source;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Source} owes the engine, as tests a connector's test class inherits: declared keys, facts in
 * input order, positions that resume without loss or duplicate, growing input, safe close, clear start failures.
 * Positions are never parsed, so any format passes.
 * Each check is a protected {@code @Test} method: a connector that cannot meet one yet overrides it with
 * {@code @Test @Disabled("why")}, so that the gap shows in every test report.
 *
 * <pre>{@code
 * class FileSourceContractTest extends SourceContract {
 *     protected ConnectorProvider provider() {
 *         return new FileConnectorProvider();
 *     }
 *     protected Input prepare(Path dir, List<Fact> facts) throws IOException {
 *         Path file = dir.resolve("events.jsonl");
 *         Files.write(file, facts.stream().map(fact -> SegmentJson.call((Event) fact)).toList());
 *         return Input.fixed(Map.of("path", file.toString(), "batch-size", "2"));
 *     }
 *     protected Map<String, String> failingSettings(Path dir) {
 *         return Map.of("path", dir.resolve("missing.jsonl").toString());
 *     }
 * }
 * }</pre>
 */
public abstract class SourceContract {

    /** Polls allowed per expected fact before a source that never returns an empty batch fails the test. */
    private static final int POLLS_PER_FACT = 10;

    /** The provider of the source under test. */
    protected abstract ConnectorProvider provider();

    /**
     * Writes the facts to a new input under {@code dir} and says how to read it. The settings must make the source
     * return them in several batches (a batch size of 2 or 3), so that resuming between batches is checked.
     */
    protected abstract Input prepare(Path dir, List<Fact> facts) throws Exception;

    /** Settings with which {@code start} must fail for good, for example a path to a file that does not exist. */
    protected abstract Map<String, String> failingSettings(Path dir) throws Exception;

    /**
     * The facts {@link #prepare} writes: seven events of every call type by users and an anonymous visitor, with
     * properties, traits and non-ASCII text. Override for a source that reads something else, such as profiles.
     */
    protected List<Fact> facts() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        return List.of(
                Event.track("u1", "Signed Up", at, Map.of()),
                new Event(Event.Type.PAGE, null, "a1", Event.PAGE_VIEWED, at.plusSeconds(60),
                        Map.of("path", "/caf\u00e9/pricing"), Map.of()),
                Event.track("u1", "Order Completed", at.plusSeconds(120), Map.of("order_id", "o-1", "total", 59.5)),
                new Event(Event.Type.IDENTIFY, "u2", "a1", Event.IDENTIFIED, at.plusSeconds(180), Map.of(),
                        Map.of("email", "u2@example.com")),
                Event.track("u2", "Product Viewed", at.plusSeconds(240), Map.of("sku", "A-1", "quantity", 2L)),
                new Event(Event.Type.SCREEN, "u3", null, Event.SCREEN_VIEWED, at.plusSeconds(300), Map.of(), Map.of()),
                Event.track("u3", "Subscription Started", at.plusSeconds(360), Map.of("plan", "pro")));
    }

    @Test
    protected void declaresASourceAndWellFormedKeys() {
        DeclaredKeys.checkRole(provider(), "source", provider().source());
    }

    @Test
    protected void readsEveryFactInInputOrder(@TempDir Path dir) throws Exception {
        List<Fact> facts = facts();
        TestContext context = context(prepare(dir, facts).settings(), null);
        try (Source source = context.startedSource()) {
            assertThat(readToEnd(source, facts.size())).containsExactlyElementsOf(facts);
        }
        assertThat(context.rejects()).as("rejects of a clean input").isEmpty();
    }

    @Test
    protected void reportsNoPositionBeforeTheFirstPollAndOneAfter(@TempDir Path dir) throws Exception {
        try (Source source = context(prepare(dir, facts()).settings(), null).startedSource()) {
            assertThat(source.position()).as("position before the first poll").isEmpty();
            assertThat(source.poll()).isNotEmpty();
            assertThat(source.position()).as("position after the first batch").isNotBlank();
        }
    }

    @Test
    protected void resumesAfterEachBatchWithoutLossOrDuplicate(@TempDir Path dir) throws Exception {
        List<Fact> facts = facts();
        Input input = prepare(dir, facts);
        List<String> positions = new ArrayList<>();
        List<Integer> readSoFar = new ArrayList<>();
        try (Source source = context(input.settings(), null).startedSource()) {
            int read = 0;
            for (List<Fact> batch = source.poll(); !batch.isEmpty(); batch = source.poll()) {
                read += batch.size();
                assertThat(read).as("facts read; the source must end with an empty batch").isLessThanOrEqualTo(
                        facts.size());
                positions.add(source.position());
                readSoFar.add(read);
            }
        }
        assertThat(positions).as("positions after each batch: prepare() must set a batch size below %d, so that"
                + " resuming between batches is checked", facts.size()).hasSizeGreaterThan(1);
        for (int i = 0; i < positions.size(); i++) {
            try (Source resumed = context(input.settings(), positions.get(i)).startedSource()) {
                assertThat(readToEnd(resumed, facts.size()))
                        .as("facts after position '%s', reached after %d facts", positions.get(i), readSoFar.get(i))
                        .containsExactlyElementsOf(facts.subList(readSoFar.get(i), facts.size()));
            }
        }
    }

    @Test
    protected void returnsAppendedFactsOnALaterPoll(@TempDir Path dir) throws Exception {
        List<Fact> facts = facts();
        int half = facts.size() / 2;
        Input input = prepare(dir, facts.subList(0, half));
        assumeTrue(input.growing(), "prepare() returned an Input that cannot grow");
        try (Source source = context(input.settings(), null).startedSource()) {
            assertThat(readToEnd(source, half)).containsExactlyElementsOf(facts.subList(0, half));
            input.appender.append(facts.subList(half, facts.size()));
            assertThat(readToEnd(source, facts.size() - half)).as("facts appended after the end was reached")
                    .containsExactlyElementsOf(facts.subList(half, facts.size()));
        }
    }

    @Test
    protected void closesTwiceWithoutFailing(@TempDir Path dir) throws Exception {
        Source source = context(prepare(dir, facts()).settings(), null).startedSource();
        source.poll();
        source.close();
        assertThatCode(source::close).as("a second close()").doesNotThrowAnyException();
    }

    @Test
    protected void refusesToStartWithoutARequiredKeyNamingIt(@TempDir Path dir) throws Exception {
        List<String> required = provider().source().orElseThrow().keys().stream().filter(ConfigKey::required)
                .map(ConfigKey::name).toList();
        assumeFalse(required.isEmpty(), "the source declares no required key");
        Map<String, String> settings = prepare(dir, facts()).settings();
        for (String key : required) {
            TestContext context = TestContext.forSource(provider()).with(settings).with(key, null).build();
            try (Source source = newSource()) {
                assertThatThrownBy(() -> source.start(context)).as("start without required key '%s'", key)
                        .isInstanceOfSatisfying(ConnectorException.class,
                                e -> assertThat(e.retriable()).as("retriable()").isFalse())
                        .hasMessageContaining(key);
            }
        }
    }

    @Test
    protected void failsToStartForGood(@TempDir Path dir) throws Exception {
        TestContext context = context(failingSettings(dir), null);
        Source source = newSource();
        assertThatThrownBy(() -> source.start(context)).as("start with failingSettings()")
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.retriable()).as("retriable()").isFalse())
                .satisfies(e -> assertThat(e.getMessage()).as("message, which the engine prefixes with the name")
                        .isNotBlank());
        assertThatCode(source::close).as("close() after a failed start").doesNotThrowAnyException();
    }

    private TestContext context(Map<String, String> settings, String resumePosition) {
        TestContext.Builder builder = TestContext.forSource(provider()).with(settings);
        return resumePosition == null ? builder.build() : builder.resumingAt(resumePosition).build();
    }

    private Source newSource() {
        return provider().source().orElseThrow(() -> new AssertionError("connector type '" + provider().type()
                + "' has no source")).newInstance();
    }

    /** Polls until an empty batch, failing rather than hanging when a source never returns one. */
    private static List<Fact> readToEnd(Source source, int expected) {
        List<Fact> facts = new ArrayList<>();
        for (int polls = 0; polls <= POLLS_PER_FACT * (expected + 1); polls++) {
            List<Fact> batch = source.poll();
            if (batch.isEmpty()) {
                return facts;
            }
            facts.addAll(batch);
        }
        return fail("poll() never returned an empty batch; after %d facts it still returned more (expected %d)",
                facts.size(), expected);
    }

    /** The input {@link #prepare} made: the settings that read it and, when it can grow, how to append to it. */
    public static final class Input {

        private final Map<String, String> settings;
        private final Appender appender;

        private Input(Map<String, String> settings, Appender appender) {
            this.settings = Map.copyOf(settings);
            this.appender = appender;
        }

        /** An input that does not grow: the append check is skipped. */
        public static Input fixed(Map<String, String> settings) {
            return new Input(settings, null);
        }

        /** An input that grows: the source must return appended facts on a poll after it reached the end. */
        public static Input growing(Map<String, String> settings, Appender appender) {
            return new Input(settings, Objects.requireNonNull(appender, "appender"));
        }

        Map<String, String> settings() {
            return settings;
        }

        boolean growing() {
            return appender != null;
        }
    }

    /** Adds facts at the end of a prepared input, as a producer would while the source runs. */
    @FunctionalInterface
    public interface Appender {

        /** Writes the facts after the input's current end. */
        void append(List<Fact> facts) throws Exception;
    }
}
