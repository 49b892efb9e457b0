package io.lifestage.engine.host;

import io.lifestage.api.ActionFired;
import io.lifestage.api.CustomerStage;
import io.lifestage.api.Explanation;
import io.lifestage.api.Fact;
import io.lifestage.api.LifecycleEngine;
import io.lifestage.api.Lifestage;
import io.lifestage.api.LifestageException;
import io.lifestage.api.Transition;
import io.lifestage.engine.classify.LiveRuleBase;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.config.HostSettings;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.store.FileCompaction;
import io.lifestage.engine.store.StageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The engine's {@link Lifestage}: a writer, a reader, the evaluator and the subscribers over one stage store. Ingests
 * and reads pass a gate that an embedded H2 store's compaction after erasures closes while it runs.
 */
final class HostedLifestage implements Lifestage, StoreReader {

    /** The largest page {@link #customers} returns. */
    static final int MAX_PAGE = 1_000;

    private final LifecycleEngine engine;
    private final LiveRuleBase rules;
    private final StoreWriter writer;
    private final StoreReads reads;
    private final Subscribers subscribers;
    private final Evaluator evaluator;
    private final StoreGate gate = new StoreGate();
    private final RecentScales scales;
    /** Both null when the store needs no compaction for erased rows to leave its files. */
    private final FileCompaction files;
    private final ErasureCompaction compaction;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile AutoCloseable owner;

    /**
     * @param files the compaction of the store's file, which runs with no connection open; null when erased rows
     *              need none to leave the files (PostgreSQL, an in-memory H2)
     */
    HostedLifestage(LifecycleEngine engine, LiveRuleBase rules, StoreWriter writer, StoreReads reads,
                    Subscribers subscribers, HostSettings settings, FileCompaction files) {
        this.engine = engine;
        this.rules = rules;
        this.writer = writer;
        this.reads = reads;
        this.subscribers = subscribers;
        this.evaluator = new Evaluator(writer::evaluate, settings.checkIntervalDuration(),
                settings.evaluationPauseDuration());
        this.files = files;
        this.scales = new RecentScales(settings.rfmRefreshDuration(),
                () -> reads.withStore(store -> store.rfmScales(Instant.now())));
        // read on every store, so that a bad value stops the start where no compaction runs too
        Duration compactionDelay = settings.erasureCompactionDelayDuration();
        this.compaction = files == null ? null : new ErasureCompaction(compactionDelay,
                () -> writer.closedFor(gate, () -> reads.closedFor(files::compact)));
        if (files != null && files.due()) {
            // erased by a process that stopped before its compaction ran
            compaction.erased();
        }
    }

    /** Closes {@code owner} (the container that made this) when this is closed. */
    void closeWith(AutoCloseable owner) {
        this.owner = owner;
    }

    @Override
    public LifecycleEngine engine() {
        return engine;
    }

    @Override
    public Ingested ingest(Collection<? extends Fact> facts) {
        Ingested ingested = gate.shared(() -> writer.ingest(List.copyOf(facts)));
        evaluator.ingested();
        return ingested;
    }

    @Override
    public boolean awaitEvaluated(Duration timeout) throws InterruptedException {
        return evaluator.awaitEvaluated(timeout);
    }

    @Override
    public Duration evaluationLag() {
        return evaluator.lag();
    }

    @Override
    public Optional<String> evaluationFailure() {
        return evaluator.failure();
    }

    @Override
    public Optional<CustomerStage> stage(String customerId) {
        return gate.shared(() -> reads.stage(customerId));
    }

    @Override
    public List<Transition> history(String customerId) {
        return gate.shared(() -> reads.history(customerId));
    }

    @Override
    public Optional<Explanation> explain(String customerId) {
        List<Fact> facts = gate.shared(() -> reads.facts(customerId));
        return facts.isEmpty() ? Optional.empty() : engine.explain(customerId, facts, Instant.now());
    }

    @Override
    public List<CustomerStage> customers(String stage, String after, int limit) {
        Objects.requireNonNull(stage, "stage");
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
        return gate.shared(() -> reads.inStage(stage, after, limit));
    }

    @Override
    public Map<String, Long> stageCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        engine.stageModel().names().forEach(name -> counts.put(name, 0L));
        counts.putAll(gate.shared(reads::stageCounts));
        return counts;
    }

    @Override
    public <T> T read(Function<StageStore, T> read) {
        return gate.shared(() -> reads.withStore(read));
    }

    @Override
    public RfmScales rfmScales(Instant asOf) {
        return gate.shared(scales::get).asOf(asOf.toEpochMilli());
    }

    /** Erases, then has the store compacted within the configured delay when it keeps deleted rows in its file. */
    @Override
    public Erasure erase(String customerId) {
        Erasure erasure = writer.erase(Objects.requireNonNull(customerId, "customerId"),
                files == null ? ids -> { } : files::rowsDeleted);
        if (erasure.found() && files != null) {
            compaction.erased();
        }
        return erasure;
    }

    @Override
    public Subscription subscribe(Consumer<? super Transition> listener) {
        return subscribers.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public Subscription subscribeActions(Consumer<? super ActionFired> listener) {
        return subscribers.addActions(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public RulesStatus rules() {
        RuleBase current = rules.current();
        Optional<LiveRuleBase.Failure> failure = rules.lastFailure();
        return new RulesStatus(current.version(), current.compiledAt(), current.stageModel().names(),
                failure.map(f -> f.problems().stream().map(Object::toString).collect(Collectors.joining("\n")))
                        .orElse(null),
                failure.map(LiveRuleBase.Failure::at).orElse(null));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (AutoCloseable container = owner; StoreWriter w = writer; StoreReads r = reads) {
            evaluator.close();
            if (compaction != null) {
                compaction.close();
            }
        } catch (Exception e) {
            throw new LifestageException("LS-HOST-0002", "closing the engine failed: " + e.getMessage(), e);
        }
    }
}
