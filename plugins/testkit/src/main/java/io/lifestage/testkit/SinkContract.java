package io.lifestage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Sink} owes the engine, as tests a connector's test class inherits: what was written is durable
 * once {@code flush} returns (read back before {@code close}), a redelivered batch is stored once by an idempotent
 * sink, also when a new run's sink redelivers it, and twice by any other, {@code close} is safe twice, and writing
 * before {@code start} fails clearly.
 *
 * <p><b>Log mode and state mode.</b> A log-like sink (a file, a table of transitions, a webhook) keeps every record
 * and {@link #readBack} returns them with {@link Stored#decisions}, {@link Stored#transitions} or {@link Stored#both}:
 * the contract compares them field for field. An upsert or sync sink (a CRM field, a table with one row per
 * customer) keeps one stage per customer and {@code readBack} returns {@link Stored#stages} instead: the contract
 * then checks each customer's final stage, that a later run moving a customer back to an earlier stage
 * ({@link #laterDecisions()}, {@link #laterTransitions()}) ends at that stage, and that redelivering a batch leaves
 * every stage as it was. A state-mode sink must be {@link #idempotent()}. Its expected stages are those of
 * {@link #decisions()}, which agree with {@link #transitions()}: a refused move leaves the customer in {@code from}.
 * Each check is a protected {@code @Test} method: a connector that cannot meet one yet overrides it with
 * {@code @Test @Disabled("why")}, so that the gap shows in every test report.
 *
 * <pre>{@code
 * class FileSinkContractTest extends SinkContract {
 *     protected ConnectorProvider provider() {
 *         return new FileConnectorProvider();
 *     }
 *     protected Map<String, String> prepare(Path dir) {
 *         return Map.of("path", dir.resolve("decisions.jsonl").toString());
 *     }
 *     protected Stored readBack(Path dir, Map<String, String> settings) throws IOException {
 *         return Stored.decisions(parseDecisions(Path.of(settings.get("path"))));
 *     }
 *     protected boolean idempotent() {
 *         return false;
 *     }
 * }
 * }</pre>
 */
public abstract class SinkContract {

    /** The provider of the sink under test. */
    protected abstract ConnectorProvider provider();

    /** The settings of a sink writing to a new, empty output under {@code dir} (a file, a table, a server). */
    protected abstract Map<String, String> prepare(Path dir) throws Exception;

    /** What the output made by {@link #prepare} durably holds now, read without the sink. */
    protected abstract Stored readBack(Path dir, Map<String, String> settings) throws Exception;

    /**
     * Whether writing a batch again stores nothing new (upsert by customer id, insert transitions by id); always true
     * for a sink read back as {@link Stored#stages}.
     */
    protected abstract boolean idempotent();

    /** Decisions the contract writes: three customers, one reason with a comma, quotes and non-ASCII text. */
    protected List<Decision> decisions() {
        Instant asOf = Instant.parse("2026-11-01T00:00:00Z");
        return List.of(
                new Decision("c1", "awareness", "awareness-seen", "seen 2 days ago", asOf, "8c67990e3623"),
                new Decision("c2", "loyalty", "loyalty-frequent-buyer", "6 orders, \"frequent\" \u2014 loyal from 3",
                        asOf, "8c67990e3623"),
                new Decision("c3", "churn", "churn-inactive", "no activity for 209 days (churn after 180)", asOf,
                        "8c67990e3623"));
    }

    /** Transitions the contract writes: a first stage, an allowed move with actions, and a refused move. */
    protected List<Transition> transitions() {
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        return List.of(
                new Transition("c1:awareness:2026-11-01", "c1", null, "awareness", at, "awareness-seen",
                        "seen 2 days ago", "8c67990e3623", List.of(), Transition.Policy.ALLOWED),
                new Transition("c2:loyalty:2026-11-01", "c2", "retention", "loyalty", at, "loyalty-frequent-buyer",
                        "6 orders, \"frequent\"", "8c67990e3623", List.of("vip-welcome", "survey"),
                        Transition.Policy.ALLOWED),
                new Transition("c3:awareness:2026-11-01", "c3", "churn", "awareness", at, "awareness-seen",
                        "seen again", "8c67990e3623", List.of(), Transition.Policy.REFUSED));
    }

    /**
     * Decisions of a later run, for state mode: {@code c2} moves back from loyalty to retention (an earlier stage in
     * the default order) and {@code c3} from churn to consideration.
     */
    protected List<Decision> laterDecisions() {
        Instant asOf = Instant.parse("2026-12-01T00:00:00Z");
        return List.of(
                new Decision("c2", "retention", "retention-customer", "1 order in the last 365 days", asOf,
                        "8c67990e3623"),
                new Decision("c3", "consideration", "consideration-intent", "signed up 3 days ago", asOf,
                        "8c67990e3623"));
    }

    /** The transitions of {@link #laterDecisions()}'s moves. */
    protected List<Transition> laterTransitions() {
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        return List.of(
                new Transition("c2:retention:2026-12-01", "c2", "loyalty", "retention", at, "retention-customer",
                        "1 order in the last 365 days", "8c67990e3623", List.of(), Transition.Policy.ALLOWED),
                new Transition("c3:consideration:2026-12-01", "c3", "churn", "consideration", at,
                        "consideration-intent", "signed up 3 days ago", "8c67990e3623", List.of("welcome-back"),
                        Transition.Policy.ALLOWED));
    }

    @Test
    protected void declaresASinkAndWellFormedKeys() {
        DeclaredKeys.checkRole(provider(), "sink", provider().sink());
    }

    @Test
    protected void holdsEverythingWrittenOnceFlushReturns(@TempDir Path dir) throws Exception {
        assertHolds(deliver(dir, prepare(dir), 1), 1);
    }

    @Test
    protected void storesARedeliveredBatchOnceWhenIdempotentAndTwiceOtherwise(@TempDir Path dir) throws Exception {
        assertHolds(deliver(dir, prepare(dir), 2), idempotent() ? 1 : 2);
    }

    @Test
    protected void storesOnceWhatANewRunRedeliversWhenIdempotent(@TempDir Path dir) throws Exception {
        assumeTrue(idempotent(), "the sink is not idempotent");
        Map<String, String> settings = prepare(dir);
        deliver(dir, settings, 1);
        assertHolds(deliver(dir, settings, 1), 1);
    }

    @Test
    protected void movesACustomerBackToAnEarlierStageWhenItKeepsStages(@TempDir Path dir) throws Exception {
        Map<String, String> settings = prepare(dir);
        assumeTrue(deliver(dir, settings, 1).stages != null, "the sink is read back as records, not as stages");
        Map<String, String> expected = new TreeMap<>(stagesOf(decisions()));
        expected.putAll(stagesOf(laterDecisions()));

        Stored later = deliver(dir, settings, laterDecisions(), laterTransitions(), 1);
        Stored redelivered = deliver(dir, settings, laterDecisions(), laterTransitions(), 2);

        assertThat(later.stages).as("stage of each customer after a later run moved c2 back").isEqualTo(expected);
        assertThat(redelivered.stages).as("stage of each customer after the later run was delivered twice more")
                .isEqualTo(expected);
    }

    @Test
    protected void closesTwiceWithoutFailing(@TempDir Path dir) throws Exception {
        Sink sink = TestContext.forSink(provider()).with(prepare(dir)).build().startedSink();
        sink.writeDecisions(decisions());
        sink.writeTransitions(transitions());
        sink.flush();
        sink.close();
        assertThatCode(sink::close).as("a second close()").doesNotThrowAnyException();
    }

    @Test
    protected void refusesToWriteBeforeStart(@TempDir Path dir) throws Exception {
        Stored stored = deliver(dir, prepare(dir), 1);
        Sink unstarted = newSink();
        if (stored.decisions != null) {
            assertFailsClearly(() -> unstarted.writeDecisions(decisions()), "writeDecisions() before start()");
        }
        if (stored.transitions != null) {
            assertFailsClearly(() -> unstarted.writeTransitions(transitions()), "writeTransitions() before start()");
        }
        if (stored.stages != null) {
            assertFailsClearly(() -> {
                unstarted.writeDecisions(decisions());
                unstarted.writeTransitions(transitions());
                unstarted.flush();
            }, "writing and flushing before start()");
        }
        unstarted.close();
    }

    /**
     * Starts a sink, writes the contract's records {@code times} times, each followed by a flush, and reads back
     * before closing it.
     */
    private Stored deliver(Path dir, Map<String, String> settings, int times) throws Exception {
        return deliver(dir, settings, decisions(), transitions(), times);
    }

    private Stored deliver(Path dir, Map<String, String> settings, List<Decision> decisions,
                           List<Transition> transitions, int times) throws Exception {
        try (Sink sink = TestContext.forSink(provider()).with(settings).build().startedSink()) {
            for (int i = 0; i < times; i++) {
                sink.writeDecisions(decisions.subList(0, 1));
                sink.writeTransitions(transitions.subList(0, 1));
                sink.writeDecisions(decisions.subList(1, decisions.size()));
                sink.writeTransitions(transitions.subList(1, transitions.size()));
                sink.flush();
            }
            return readBack(dir, settings);
        }
    }

    private Sink newSink() {
        return provider().sink().orElseThrow(() -> new AssertionError("connector type '" + provider().type()
                + "' has no sink")).newInstance();
    }

    private void assertHolds(Stored stored, int copies) {
        if (stored.stages != null) {
            assertThat(idempotent()).as("idempotent() of a sink that keeps one stage per customer").isTrue();
            assertThat(stored.stages).as("stage of each customer read back, after %d deliver%s", copies,
                    copies == 1 ? "y" : "ies").isEqualTo(stagesOf(decisions()));
        }
        if (stored.decisions != null) {
            assertThat(stored.decisions).as("decisions read back, %d cop%s of each", copies, copies == 1 ? "y" : "ies")
                    .containsExactlyInAnyOrderElementsOf(repeat(decisions(), copies));
        }
        if (stored.transitions != null) {
            assertThat(stored.transitions).as("transitions read back, %d cop%s of each", copies,
                    copies == 1 ? "y" : "ies").containsExactlyInAnyOrderElementsOf(repeat(transitions(), copies));
        }
    }

    private static Map<String, String> stagesOf(List<Decision> decisions) {
        Map<String, String> stages = new TreeMap<>();
        decisions.forEach(decision -> stages.put(decision.customerId(), decision.stage()));
        return stages;
    }

    private static <T> List<T> repeat(List<T> records, int times) {
        List<T> all = new ArrayList<>();
        Collections.nCopies(times, records).forEach(all::addAll);
        return all;
    }

    private static void assertFailsClearly(ThrowingCallable call, String what) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as(what).isInstanceOfAny(IllegalStateException.class, ConnectorException.class);
        assertThat(thrown.getMessage()).as("message of %s", what).isNotBlank();
    }

    /**
     * What a sink's output holds: its decisions, its transitions, or both, whichever the sink writes (log mode); or
     * one stage per customer (state mode).
     */
    public static final class Stored {

        private final List<Decision> decisions;
        private final List<Transition> transitions;
        private final Map<String, String> stages;

        private Stored(List<Decision> decisions, List<Transition> transitions, Map<String, String> stages) {
            this.decisions = decisions == null ? null : List.copyOf(decisions);
            this.transitions = transitions == null ? null : List.copyOf(transitions);
            this.stages = stages == null ? null : new TreeMap<>(stages);
        }

        /** The output of a sink that writes decisions only; its transitions are not checked. */
        public static Stored decisions(List<Decision> decisions) {
            return new Stored(Objects.requireNonNull(decisions, "decisions"), null, null);
        }

        /** The output of a sink that writes transitions only; its decisions are not checked. */
        public static Stored transitions(List<Transition> transitions) {
            return new Stored(null, Objects.requireNonNull(transitions, "transitions"), null);
        }

        /** The output of a sink that writes both. */
        public static Stored both(List<Decision> decisions, List<Transition> transitions) {
            return new Stored(Objects.requireNonNull(decisions, "decisions"),
                    Objects.requireNonNull(transitions, "transitions"), null);
        }

        /**
         * The output of an upsert or sync sink: the stage it holds for each customer (state mode), for example the
         * stage field of each CRM contact mapped back to stage names. Customers it holds no stage for are left out.
         */
        public static Stored stages(Map<String, String> stageByCustomer) {
            return new Stored(null, null, Objects.requireNonNull(stageByCustomer, "stageByCustomer"));
        }
    }
}
