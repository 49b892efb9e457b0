package io.lifestage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Sink} owes the engine, as tests a connector's test class inherits: what was written is durable
 * once {@code flush} returns (read back before {@code close}), a redelivered batch is stored once by an idempotent
 * sink, also when a new run's sink redelivers it, and twice by any other, {@code close} is safe twice, and writing
 * before {@code start} fails clearly. Each delivery writes decisions, transitions and actions, as the engine does.
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
 * <p><b>Actions.</b> A sink that delivers {@link ActionFired actions} says how: {@link #prepareActions} gives the
 * settings of an output that takes them (often not the one {@link #prepare} makes: a file holds one kind of record, a
 * table of actions is opt-in) and {@link #readBackActions} reads them back. The contract then checks that every action
 * is held with its payload once {@code flush} returns, and that a redelivered action is stored once by an
 * {@link #idempotent()} sink, also when a new run's sink redelivers it, and twice by any other. A sink that does not
 * deliver actions ({@code Sink.writeActions} does nothing by default) leaves {@code prepareActions} empty, and those
 * checks are reported as skipped.
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
 *     protected Optional<Map<String, String>> prepareActions(Path dir) {
 *         return Optional.of(Map.of("path", dir.resolve("actions.jsonl").toString(), "content", "actions"));
 *     }
 *     protected List<ActionFired> readBackActions(Path dir, Map<String, String> settings) throws IOException {
 *         return parseActions(Path.of(settings.get("path")));
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

    /**
     * What the output made by {@link #prepare} durably holds now, read without the sink. {@link #decisionOf} and
     * {@link #transitionOf} make records from their JSON objects as {@code RecordJson} writes them.
     */
    protected abstract Stored readBack(Path dir, Map<String, String> settings) throws Exception;

    /**
     * Whether writing a batch again stores nothing new (upsert by customer id, insert transitions by id); always true
     * for a sink read back as {@link Stored#stages}.
     */
    protected abstract boolean idempotent();

    /**
     * The settings of a sink writing actions to a new, empty output under {@code dir}; empty, the default, for a sink
     * that does not deliver actions, whose action checks are then skipped. Override it with {@link #readBackActions}.
     */
    protected Optional<Map<String, String>> prepareActions(Path dir) throws Exception {
        return Optional.empty();
    }

    /**
     * The actions the output made by {@link #prepareActions} durably holds now, read without the sink, in any order.
     * {@link #actionOf} makes one from its JSON object as {@code RecordJson} writes it.
     */
    protected List<ActionFired> readBackActions(Path dir, Map<String, String> settings) throws Exception {
        throw new AssertionError(getClass().getName() + " overrides prepareActions() but not readBackActions()");
    }

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

    /**
     * Actions the contract writes, in customer-id order: a journey's, whose payload holds traits, metrics and the
     * triggering event's properties as nested maps (text with a comma, quotes and non-ASCII letters, whole and decimal
     * numbers, a boolean, a list, a null), and the two of {@code c2}'s move in {@link #transitions()}, one without a
     * channel and with an empty payload.
     */
    protected List<ActionFired> actions() {
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("email", "ann@example.com");
        traits.put("name", "Zo\u00eb \"Ann\" M\u00fcller, Jr.");
        traits.put("phone", null);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("traits", traits);
        payload.put("metrics", Map.of("stage", "loyalty", "purchases", 6, "lifetime_value", 412.5));
        payload.put("event", Map.of("name", "Checkout Started", "at", "2026-10-31T23:00:00Z",
                "properties", Map.of("products", List.of("sku-1", "sku-7"), "total", 80.5, "gift", true)));
        String move = "transition:c2:loyalty:2026-11-01";
        return List.of(
                new ActionFired("c1-cart-0f3a", "c1", "abandoned-cart-email", "email:abandoned-cart", at,
                        "journey:abandoned-cart", payload),
                new ActionFired("c2-vip-91bc", "c2", "vip-welcome", "email:vip", at, move,
                        Map.of("metrics", Map.of("stage", "loyalty"))),
                new ActionFired("c2-survey-77de", "c2", "survey", null, at, move, Map.of()));
    }

    /**
     * A decision from its JSON object as {@code RecordJson} writes it, read into maps and lists by any JSON library:
     * {@code customerId}, {@code stage}, {@code rule}, {@code reason}, {@code asOf} (ISO-8601 text),
     * {@code ruleBaseVersion}.
     */
    public static Decision decisionOf(Map<?, ?> json) {
        return new Decision((String) json.get("customerId"), (String) json.get("stage"), (String) json.get("rule"),
                (String) json.get("reason"), Instant.parse((String) json.get("asOf")),
                (String) json.get("ruleBaseVersion"));
    }

    /**
     * A transition from its JSON object as {@code RecordJson} writes it, read into maps and lists by any JSON
     * library: {@code id}, {@code customerId}, {@code from} (null for a first stage), {@code to}, {@code at}
     * (ISO-8601 text), {@code rule}, {@code reason}, {@code ruleBaseVersion}, {@code actions} (an array of names) and
     * {@code policy} ({@code allowed}, {@code kept_against_policy} or {@code refused}).
     */
    @SuppressWarnings("unchecked")
    public static Transition transitionOf(Map<?, ?> json) {
        return new Transition((String) json.get("id"), (String) json.get("customerId"), (String) json.get("from"),
                (String) json.get("to"), Instant.parse((String) json.get("at")), (String) json.get("rule"),
                (String) json.get("reason"), (String) json.get("ruleBaseVersion"), (List<String>) json.get("actions"),
                Transition.Policy.valueOf(((String) json.get("policy")).toUpperCase(Locale.ROOT)));
    }

    /**
     * An action from its JSON object as {@code RecordJson} writes it, read into maps and lists by any JSON library:
     * {@code id}, {@code customerId}, {@code action}, {@code channel}, {@code at} (ISO-8601 text), {@code cause},
     * {@code payload}.
     */
    @SuppressWarnings("unchecked")
    public static ActionFired actionOf(Map<?, ?> json) {
        Object payload = json.get("payload");
        return new ActionFired((String) json.get("id"), (String) json.get("customerId"), (String) json.get("action"),
                (String) json.get("channel"), Instant.parse((String) json.get("at")), (String) json.get("cause"),
                payload == null ? Map.of() : (Map<String, Object>) payload);
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
    protected void holdsEveryActionWithItsPayloadOnceFlushReturns(@TempDir Path dir) throws Exception {
        assertHoldsActions(deliverActions(dir, actionSettings(dir), 1), 1, "after one delivery");
    }

    /** By the same sink; and when idempotent, also by a new run's sink, which any other may write anew or add to. */
    @Test
    protected void storesARedeliveredActionOnceWhenIdempotentAndTwiceOtherwise(@TempDir Path dir) throws Exception {
        Map<String, String> settings = actionSettings(dir);
        assertHoldsActions(deliverActions(dir, settings, 2), idempotent() ? 1 : 2, "after a sink delivered twice");
        if (idempotent()) {
            assertHoldsActions(deliverActions(dir, settings, 1), 1, "after a new run's sink delivered them again");
        }
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
        return deliver(settings, decisions, transitions, times, () -> readBack(dir, settings));
    }

    /** As {@link #deliver}, to the output of {@link #prepareActions}, reading its actions back. */
    private List<ActionFired> deliverActions(Path dir, Map<String, String> settings, int times) throws Exception {
        return deliver(settings, decisions(), transitions(), times, () -> readBackActions(dir, settings));
    }

    /**
     * Starts a sink, writes the records and the contract's actions {@code times} times, in two batches each followed
     * by a flush, as the engine writes them, and reads back before closing it.
     */
    private <T> T deliver(Map<String, String> settings, List<Decision> decisions, List<Transition> transitions,
                          int times, Callable<T> readBack) throws Exception {
        List<ActionFired> actions = actions();
        try (Sink sink = TestContext.forSink(provider()).with(settings).build().startedSink()) {
            for (int i = 0; i < times; i++) {
                sink.writeDecisions(decisions.subList(0, 1));
                sink.writeTransitions(transitions.subList(0, 1));
                sink.writeActions(actions.subList(0, 1));
                sink.writeDecisions(decisions.subList(1, decisions.size()));
                sink.writeTransitions(transitions.subList(1, transitions.size()));
                sink.writeActions(actions.subList(1, actions.size()));
                sink.flush();
            }
            return readBack.call();
        }
    }

    /** The settings of {@link #prepareActions}; skips the calling check when the sink delivers no actions. */
    private Map<String, String> actionSettings(Path dir) throws Exception {
        Optional<Map<String, String>> settings = prepareActions(dir);
        assumeTrue(settings.isPresent(), "the sink does not deliver actions: prepareActions() is empty");
        return settings.get();
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

    /** Compares payloads by value: a reader may return 6 as a Long or 80.5 as a BigDecimal. */
    private void assertHoldsActions(List<ActionFired> stored, int copies, String when) {
        assertThat(stored.stream().map(SinkContract::withNumbersByValue).toList())
                .as("actions read back %s, %d cop%s of each", when, copies, copies == 1 ? "y" : "ies")
                .containsExactlyInAnyOrderElementsOf(repeat(actions(), copies).stream()
                        .map(SinkContract::withNumbersByValue).toList());
    }

    @SuppressWarnings("unchecked")
    private static ActionFired withNumbersByValue(ActionFired action) {
        return new ActionFired(action.id(), action.customerId(), action.action(), action.channel(), action.at(),
                action.cause(), (Map<String, Object>) numbersByValue(action.payload()));
    }

    /** The value with each number, also in its maps and lists, as a BigDecimal without trailing zeros. */
    private static Object numbersByValue(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SinkContract::numbersByValue).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, numbersByValue(item)));
            return copy;
        }
        return value;
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
