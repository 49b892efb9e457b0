package io.lifestage.engine.run;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Fact;
import io.lifestage.api.LifestageException;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.store.BackgroundWrites;
import io.lifestage.engine.store.CustomerState;
import io.lifestage.engine.store.Evaluation;
import io.lifestage.engine.store.FactImport;
import io.lifestage.engine.store.MapsWanted;
import io.lifestage.engine.store.RunRecord;
import io.lifestage.engine.store.StageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the pipeline: read every source into the stage store, then evaluate the customers who are due — those
 * with new facts, and those whose next check has come — and hand what changed to every sink.
 *
 * <h2>Why nothing is lost or written twice</h2>
 * <ul>
 *   <li>A source's batch is stored together with the source's position in one transaction, so the store is the
 *       durable buffer: a restarted run resumes each source after the last stored batch, and a fact delivered again
 *       is recognised by its content and skipped.</li>
 *   <li>Customers are evaluated in chunks. A chunk's transitions and changed decisions go to every sink, every sink
 *       acknowledges by flushing, and only then is the chunk stored (a run {@link #alone} delivers up to ten chunks
 *       at a time and stores them {@linkplain StageStore#saveInParts in parts}). A crash in between leaves the
 *       customers not yet stored due, so the next run hands the same transitions, with the same ids, to the sinks
 *       again: at least once, and exactly once at sinks that drop known ids.</li>
 *   <li>A transition is emitted only when a customer's stage changes, at the instant it changed, so re-running the
 *       same input emits nothing.</li>
 * </ul>
 */
public final class StageRun {

    private static final Logger log = LoggerFactory.getLogger(StageRun.class);
    private static final int CHUNK = 1_000;
    /**
     * Facts of one source, or customers due, at which a run alone drops the customers' indexes meanwhile; with that
     * many facts, it also leaves the source's new customers without a row until they are evaluated.
     */
    private static final int BULK_FACTS = 500_000;
    private static final int BULK_CUSTOMERS = 50_000;
    /**
     * At most this many customers delivered and stored together by a run alone (a tenth of those due, at least one
     * chunk): every delivery ends with each sink forcing its output to the disk, which costs about the same for ten
     * customers as for ten thousand, and a run stopped midway loses at most that delivery's work. A host's evaluator,
     * which shares the store with ingests, keeps to one chunk.
     */
    private static final int ALONE_DELIVERY = 10 * CHUNK;

    /** A configured source: its name and how to start it at a resume position. */
    public record SourceUse(String name, Function<Optional<String>, Source> start) {
    }

    /** A configured, started sink and its name. */
    public record SinkUse(String name, Sink sink) {
    }

    /**
     * Stores a chunk of evaluations once the sinks acknowledged it. The default stores it as is; a host that writes
     * the store from other threads meanwhile (ingests) orders the save with its writes and may leave out customers
     * whose facts changed since the evaluation started: they stay due and are evaluated again.
     */
    @FunctionalInterface
    public interface ChunkSave {

        /** Stores the evaluations and their transitions in one transaction. */
        void save(List<Evaluation> evaluations, long runId);
    }

    private final StageStore store;
    private final Supplier<RuleBase> rules;
    private final MetricsCalculator metrics;
    private final Clock clock;
    private final ChunkSave chunkSave;
    private final Duration scalesRefresh;
    private RfmScales latestScales;
    private long latestScalesAt;
    private final long[] phaseNanos = new long[Phase.values().length];
    /** Time of the phases run so far, each counted once however they nest. */
    private long timedNanos;
    private Progress progress = new Progress() {
    };
    /** Whether this run is its store's only user, see {@link #alone}. */
    private boolean alone;
    /** Facts of one source, and customers due, from which a run alone writes {@linkplain #alone in bulk}. */
    private int bulkFacts = BULK_FACTS;
    private int bulkCustomers = BULK_CUSTOMERS;
    private RetryBudget retry = RetryBudget.DEFAULT;
    /** How long before as-of an action may have come due and still be handed out; null: however long. */
    private Duration actionsMaxAge;

    /** The phases of a run whose time {@link #phaseTimes} adds up. */
    public enum Phase {
        /** Waiting for the sources' polls, which read, parse and encode the input on threads of their own. */
        READ,
        /** Storing facts and positions. */
        STORE,
        /** Reading the due customers' facts back from the store. */
        LOAD,
        /** The RFM scales of the population. */
        SCALES,
        /** Walking customers through time and classifying them. */
        WALK,
        /** Handing transitions and decisions to the sinks until they acknowledge. */
        DELIVER,
        /** Storing evaluations and transitions. */
        COMMIT
    }

    /** What a long run reports as it goes, from the run's thread; each method does nothing by default. */
    public interface Progress {

        /** A source's facts read so far in this run. */
        default void read(String source, long facts) {
        }

        /** A source's facts stored (or found stored before) so far, of those it gave in this run. */
        default void stored(String source, long facts, long of) {
        }

        /** Customers evaluated so far of those due. */
        default void evaluated(long customers, long due) {
        }
    }

    /**
     * A run over this store, classifying with the rule base in service when each evaluation starts, and scoring RFM
     * against the whole population as of each evaluation.
     */
    public StageRun(StageStore store, Supplier<RuleBase> rules, MetricsCalculator metrics, Clock clock) {
        this(store, rules, metrics, clock, store::save, Duration.ZERO);
    }

    /**
     * A run over this store that stores each evaluated chunk through {@code chunkSave}, and computes the RFM scales of
     * the population again only when those it has are {@code scalesRefresh} old: in between, customers are scored
     * against the population of the last computation. Computing them reads every buyer of the store.
     */
    public StageRun(StageStore store, Supplier<RuleBase> rules, MetricsCalculator metrics, Clock clock,
                    ChunkSave chunkSave, Duration scalesRefresh) {
        this.store = store;
        this.rules = rules;
        this.metrics = metrics;
        this.clock = clock;
        this.chunkSave = chunkSave;
        this.scalesRefresh = scalesRefresh;
    }

    /**
     * Tells the run it is its store's only user (a command-line run): when it stores at least
     * {@value #BULK_FACTS} facts or evaluates at least {@value #BULK_CUSTOMERS} customers, it may then drop the store's
     * indexes of customers' next checks and stages and build them once afterwards
     * ({@link StageStore#dropCustomerIndexes}); when it stores that many facts of a source, it stores those of
     * customers new to the store without a row, which their evaluation inserts
     * ({@link StageStore#leaveNewCustomersUnlisted}); it hands up to
     * {@value #ALONE_DELIVERY} customers at a time to the sinks; and when more customers are due than one chunk, it
     * stores each delivered batch ({@link StageStore#saveInParts}) through a connection of its own on another thread
     * while it evaluates the next ({@link BackgroundWrites}), in place of the save it was given.
     */
    public StageRun alone() {
        this.alone = true;
        return this;
    }

    /** A run alone that writes in bulk from fewer facts and customers than a real run does: for tests. */
    StageRun aloneInBulkFrom(int facts, int customers) {
        this.bulkFacts = facts;
        this.bulkCustomers = customers;
        return alone();
    }

    /** Calls a connector that fails with a retriable failure again within this budget ({@code lifestage.retry.*}). */
    public StageRun retrying(RetryBudget budget) {
        this.retry = budget;
        return this;
    }

    /**
     * Hands out only the actions due at most {@code maxAge} before the as-of instant of each evaluation
     * ({@code lifestage.actions.max-age}): a first run over a long history records every transition in it, but fires
     * only the recent actions.
     */
    public StageRun handingOutActionsWithin(Duration maxAge) {
        this.actionsMaxAge = maxAge;
        return this;
    }

    /** Reports the run's progress to this observer from now on. */
    public StageRun observe(Progress observer) {
        this.progress = observer;
        return this;
    }

    /** The time spent in each phase by this run object so far, in phase order. */
    public Map<Phase, Duration> phaseTimes() {
        Map<Phase, Duration> times = new java.util.EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            times.put(phase, Duration.ofNanos(phaseNanos[phase.ordinal()]));
        }
        return times;
    }

    /** Runs work in a phase; the time of a phase run within it counts for that phase only. */
    private <T> T timed(Phase phase, Supplier<T> work) {
        long started = System.nanoTime();
        long timedBefore = timedNanos;
        try {
            return work.get();
        } finally {
            long spent = System.nanoTime() - started;
            phaseNanos[phase.ordinal()] += spent - (timedNanos - timedBefore);
            timedNanos = timedBefore + spent;
        }
    }

    /**
     * Reads each source from its committed position until it has nothing more, then stores what it gave customer
     * after customer, with the position after the last fact ({@link StageStore#importFacts}). A run stopped before a
     * source's facts are stored reads them again next time. The source is polled on a thread of its own, what it gave
     * is encoded as stored ({@link FactImport#prepare}) on another, and sorted on the run's ({@link PollAhead});
     * {@link Phase#READ} is the time spent waiting for the first two.
     */
    public IngestSummary ingest(List<SourceUse> sources) {
        long read = 0;
        long stored = 0;
        for (SourceUse use : sources) {
            try (Source source = use.start().apply(store.position(use.name()));
                 FactImport facts = store.importFacts(use.name(), clock.instant());
                 PollAhead<List<Fact>> polls = new PollAhead<>("lifestage-poll-" + use.name(),
                         () -> pollWithRetry(use.name(), source), List::isEmpty);
                 PollAhead<FactImport.Batch> prepared = new PollAhead<>("lifestage-encode-" + use.name(),
                         () -> FactImport.prepare(polls.next()), FactImport.Batch::isEmpty)) {
                long sourceRead = 0;
                for (FactImport.Batch batch; !(batch = timed(Phase.READ, prepared::next)).isEmpty(); ) {
                    FactImport.Batch polled = batch;
                    timed(Phase.STORE, () -> {
                        facts.add(polled);
                        return null;
                    });
                    sourceRead += polled.size();
                    progress.read(use.name(), sourceRead);
                }
                long total = sourceRead;
                read += total;
                boolean bulk = alone && total >= bulkFacts;
                if (bulk) {
                    store.dropCustomerIndexes();
                }
                store.leaveNewCustomersUnlisted(bulk);
                stored += timed(Phase.STORE, () -> facts.commit(source.position(),
                        looked -> progress.stored(use.name(), looked, total)));
            }
        }
        return new IngestSummary(read, stored, 0);
    }

    private List<Fact> pollWithRetry(String name, Source source) {
        return withRetry("source '" + name + "'", source::poll);
    }

    /**
     * Evaluates every due customer as of an instant and delivers what changed to the sinks; records the run with
     * what {@code ingested} says the sources gave.
     *
     * @throws IllegalArgumentException when the instant is before the last run's: history is written forwards
     */
    public EvaluationSummary evaluate(Instant asOf, List<SinkUse> sinks, IngestSummary ingested) {
        long at = asOf.toEpochMilli();
        Optional<Instant> last = store.lastRunAsOf();
        if (last.isPresent() && asOf.isBefore(last.get())) {
            throw new LifestageException(LifestageException.Kind.INVALID_REQUEST, "LS-RUN-0001",
                    "the run's as-of instant " + asOf + " is before the last run's (" + last.get()
                    + "): replays must go forward in time; to rebuild history, start from an empty store", null);
        }
        long started = clock.millis();
        long runId = store.nextRunId();
        RuleBase ruleBase = rules.get();
        List<String> due = store.dueCustomers(asOf);
        MapsWanted withMaps = mapsWanted(ruleBase.payloadReads(), at);
        FactReader facts = due.size() <= CHUNK ? readOnce(due, withMaps)
                : (customers, names, consumer) -> timed(Phase.LOAD, () -> {
                    store.facts(customers, names, withMaps, consumer);
                    return null;
                });
        // With no one due, no one is scored: the population (every buyer in the store) is not read.
        RfmScales scales = due.isEmpty() ? RfmScales.of(List.of(), at)
                : timed(Phase.SCALES, () -> scales(due, facts, asOf));
        if (alone && due.size() >= bulkCustomers) {
            store.dropCustomerIndexes();
        }
        long transitions = 0;
        long actions = 0;
        long heldOut = 0;
        long expiredActions;
        long changed = 0;
        int delivery = alone ? Math.max(CHUNK, Math.min(ALONE_DELIVERY, due.size() / 10 / CHUNK * CHUNK)) : CHUNK;
        try (CustomerEvaluator evaluator = new CustomerEvaluator(ruleBase, metrics, scales, actionsMaxAge);
             BackgroundWrites aside = alone && due.size() > CHUNK ? new BackgroundWrites(store) : null) {
            List<Evaluation> undelivered = new ArrayList<>();
            Map<String, CustomerState> before = new HashMap<>();
            for (int from = 0; from < due.size(); from += CHUNK) {
                int to = Math.min(due.size(), from + CHUNK);
                List<String> chunk = due.subList(from, to);
                Map<String, CustomerState> states = timed(Phase.LOAD, () -> store.states(chunk));
                List<List<Fact>> chunkFacts = new ArrayList<>(chunk.size());
                facts.read(chunk, Set.of(), chunkFacts::add);
                timed(Phase.WALK, () -> {
                    for (List<Fact> customerFacts : chunkFacts) {
                        if (!customerFacts.isEmpty()) {
                            String customer = customerFacts.get(0).customerId();
                            undelivered.add(evaluator.evaluate(customer, states.get(customer), customerFacts, at));
                        }
                    }
                    return null;
                });
                before.putAll(states);
                progress.evaluated(to, due.size());
                if (to % delivery != 0 && to < due.size()) {
                    continue;
                }
                List<Evaluation> evaluations = List.copyOf(undelivered);
                undelivered.clear();
                changed += timed(Phase.DELIVER, () -> deliver(evaluations, before, sinks));
                before.clear();
                timed(Phase.COMMIT, () -> {
                    if (aside == null) {
                        chunkSave.save(evaluations, runId);
                    } else {
                        aside.submit(writer -> writer.saveInParts(evaluations, runId));
                    }
                    return null;
                });
                transitions += evaluations.stream().mapToLong(e -> e.transitions().size()).sum();
                actions += evaluations.stream().mapToLong(e -> e.delivered().size()).sum();
                heldOut += evaluations.stream().mapToLong(e -> e.heldOut().size()).sum();
            }
            if (aside != null) {
                timed(Phase.COMMIT, () -> {
                    aside.await();
                    return null;
                });
            }
            expiredActions = evaluator.expiredActions();
        }
        timed(Phase.COMMIT, () -> {
            store.restoreCustomerIndexes();
            store.clearUnlistedMarkIfNoneLeft();
            return null;
        });
        store.recordRun(new RunRecord(runId, Instant.ofEpochMilli(started), clock.instant(), asOf,
                ingested.factsRead(), ingested.factsStored(), ingested.rejects(), due.size(), transitions,
                ruleBase.version()));
        log.info("Run {} as of {}: {} customers evaluated, {} changed stage, {} transitions, {} actions ({} held out,"
                + " {} too old to hand out)", runId, asOf, due.size(), changed, transitions, actions, heldOut,
                expiredActions);
        return new EvaluationSummary(runId, asOf, due.size(), changed, transitions, actions, heldOut,
                expiredActions);
    }

    /**
     * The facts an evaluation as of {@code at} needs with their maps: those the metrics read and those whose traits
     * actions carry, whenever they happened, and the triggers whose properties actions carry only when those actions
     * can still be made, within the actions' maximum age. A first run over years of history so parses the bodies of
     * the last days' page views, not of every one.
     */
    private MapsWanted mapsWanted(RuleBase.PayloadReads payloads, long at) {
        MapsWanted always = MapsWanted.named(metrics.readsMapsOf().or(payloads.traitsOf()));
        if (actionsMaxAge == null) {
            return always.orFrom(Long.MIN_VALUE, payloads.propertiesOf());
        }
        long window = actionsMaxAge.plus(payloads.longestWait()).toMillis();
        return always.orFrom(at >= Long.MIN_VALUE + window ? at - window : Long.MIN_VALUE, payloads.propertiesOf());
    }

    /**
     * RFM scales over everyone: the due customers' metrics as of now, and the others' as last stored; those of an
     * earlier evaluation while they are younger than the refresh interval.
     */
    private RfmScales scales(List<String> due, FactReader facts, Instant asOf) {
        long now = clock.millis();
        if (latestScales == null || now - latestScalesAt >= scalesRefresh.toMillis()) {
            long at = asOf.toEpochMilli();
            List<RfmScales.Buyer> buyers = new ArrayList<>(store.buyersNotDue(asOf));
            facts.read(due, metrics.purchaseEvents(), customerFacts -> {
                RfmScales.Buyer buyer = metrics.buyer(customerFacts, at);
                if (buyer != null) {
                    buyers.add(buyer);
                }
            });
            latestScales = RfmScales.of(buyers, at);
            latestScalesAt = now;
        }
        return latestScales;
    }

    /**
     * Hands the stored facts of customers to a consumer, grouped by customer, as {@link StageStore#facts}: all of
     * them, or at least those of the events named.
     */
    @FunctionalInterface
    private interface FactReader {

        void read(List<String> customers, Set<String> eventNames, Consumer<List<Fact>> facts);
    }

    /**
     * The facts of customers few enough to hold, read from the store once: the population scales and the
     * evaluation both go through them, and a host evaluating every half second has few due customers each time.
     */
    private FactReader readOnce(List<String> due, MapsWanted withMaps) {
        List<List<Fact>> read = new ArrayList<>(due.size());
        timed(Phase.LOAD, () -> {
            store.facts(due, Set.of(), withMaps, read::add);
            return null;
        });
        Map<String, List<Fact>> byCustomer = new HashMap<>();
        for (int i = 0; i < due.size(); i++) {
            byCustomer.put(due.get(i), read.get(i));
        }
        return (customers, names, facts) -> customers.forEach(id -> facts.accept(byCustomer.get(id)));
    }

    /**
     * Hands a chunk's transitions, actions (but those held out) and changed decisions to every sink and waits for
     * each to acknowledge.
     */
    private long deliver(List<Evaluation> evaluations, Map<String, CustomerState> before, List<SinkUse> sinks) {
        List<Transition> transitions = new ArrayList<>();
        List<ActionFired> actions = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        for (Evaluation e : evaluations) {
            transitions.addAll(e.transitions());
            actions.addAll(e.delivered());
            CustomerState was = before.getOrDefault(e.customerId(), CustomerState.unevaluated(e.customerId()));
            if (e.decision() != null && !Objects.equals(was.stage(), e.stage())) {
                decisions.add(e.decision());
            }
        }
        if (transitions.isEmpty() && actions.isEmpty() && decisions.isEmpty()) {
            return 0;
        }
        for (SinkUse use : sinks) {
            String what = "sink '" + use.name() + "'";
            withRetry(what, () -> {
                use.sink().writeTransitions(transitions);
                use.sink().writeActions(actions);
                use.sink().writeDecisions(decisions);
                use.sink().flush();
                return null;
            });
        }
        return decisions.size();
    }

    private <T> T withRetry(String what, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ConnectorException e) {
                if (!e.retriable() || attempt >= retry.attempts()) {
                    throw e;
                }
                Duration pause = retry.pauseAfter(attempt, e);
                log.warn("{} failed ({}), attempt {} of {}, retrying in {} ms", what, e.getMessage(), attempt,
                        retry.attempts(), pause.toMillis());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * What the sources gave.
     *
     * @param factsRead   facts the sources returned
     * @param factsStored facts that were new to the store
     * @param rejects     records the sources rejected
     */
    public record IngestSummary(long factsRead, long factsStored, long rejects) {

        /** The same summary with the rejects counted by the caller's reject channel. */
        public IngestSummary withRejects(long count) {
            return new IngestSummary(factsRead, factsStored, count);
        }
    }

    /**
     * What an evaluation did.
     *
     * @param runId       the run's id in the store
     * @param asOf        the instant customers were evaluated as of
     * @param evaluated   customers evaluated (those due)
     * @param changed     customers whose stage changed
     * @param transitions transitions recorded, refused ones included
     * @param actions     actions handed out to the sinks
     * @param heldOutActions actions due but kept from the sinks: the customer is in the action's control group
     * @param expiredActions actions that came due longer before as-of than the actions' maximum age: not handed out
     */
    public record EvaluationSummary(long runId, Instant asOf, long evaluated, long changed, long transitions,
                                    long actions, long heldOutActions, long expiredActions) {
    }
}
