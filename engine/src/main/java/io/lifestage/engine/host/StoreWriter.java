package io.lifestage.engine.host;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.Lifestage;
import io.lifestage.engine.run.StageRun;
import io.lifestage.engine.store.Evaluation;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every write to the stage store. Ingests share commits and never wait for an evaluation's reading and
 * classifying: only the save of each evaluated chunk is ordered with them. A customer whose facts changed while
 * they were being evaluated is saved and left due, so the next evaluation sees every fact. Erasures wait for the
 * evaluation in progress and exclude every other write. With suppression on, facts of an id erased before (known by
 * the salted digest its erasure recorded) are dropped, not stored, as Segment's suppression drops them.
 */
final class StoreWriter implements AutoCloseable {

    static final String SOURCE = "host";

    private final Supplier<StageStore> opener;
    private final RunFactory runs;
    private final Subscribers subscribers;
    private final Clock clock;
    private final String salt;
    /** The digests of erased ids whose later facts are dropped; null when suppression is off. */
    private final Set<String> suppressed;
    /** Held by each ingest and by each chunk save: orders them. */
    private final Object writes = new Object();
    /** Held by the evaluation in progress and by erasures. */
    private final Object evaluating = new Object();
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    /** The customers each ingest changed, by the number of that ingest; pruned after each evaluation. */
    private final Map<String, Long> changedBy = new ConcurrentHashMap<>();
    private final AtomicLong ingests = new AtomicLong();
    private StageStore ingestStore;
    private StageStore evaluationStore;
    private StageRun run;
    private long evaluationStart;
    private long factsRead;
    private long factsStored;

    /** Makes the pipeline run over a store, saving chunks through the given save. */
    interface RunFactory {
        StageRun over(StageStore store, Clock clock, StageRun.ChunkSave save);
    }

    StoreWriter(Supplier<StageStore> opener, RunFactory runs, Subscribers subscribers, Clock clock, String salt,
                boolean suppressErased) {
        this.opener = opener;
        this.runs = runs;
        this.subscribers = subscribers;
        this.clock = clock;
        this.salt = salt;
        reopen();
        this.suppressed = suppressErased ? ConcurrentHashMap.newKeySet() : null;
        if (suppressErased) {
            suppressed.addAll(ingestStore.erasedSubjects());
        }
    }

    /** The subscribers this writer's evaluations hand transitions to. */
    Subscribers subscribers() {
        return subscribers;
    }

    private void reopen() {
        ingestStore = opener.get();
        evaluationStore = opener.get();
        run = runs.over(evaluationStore, clock, this::saveChunk);
    }

    /**
     * Stores facts. Callers that arrive while another ingest holds the store queue up, and the first of them to get it
     * stores every queued batch in one transaction (group commit), so that many small concurrent ingests cost one
     * commit; each caller returns once its own facts are committed. When the shared transaction fails, each batch is
     * stored again in a transaction of its own, so that a batch the store refuses fails only its own caller.
     */
    Lifestage.Ingested ingest(List<Fact> facts) {
        Pending mine = new Pending(suppressed == null || suppressed.isEmpty() ? facts
                : facts.stream().filter(fact -> !erased(fact)).toList());
        pending.add(mine);
        synchronized (writes) {
            if (mine.stored < 0 && mine.failure == null) {
                List<Pending> group = new ArrayList<>();
                for (Pending next; (next = pending.poll()) != null; ) {
                    group.add(next);
                }
                try {
                    store(group);
                } catch (RuntimeException shared) {
                    storeEachAlone(group, shared);
                }
            }
        }
        if (mine.failure instanceof StoreException failed) {
            // on this thread too, for its stack
            throw new StoreException(failed.code(), failed.detail(), failed);
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return new Lifestage.Ingested(facts.size(), mine.stored);
    }

    private boolean erased(Fact fact) {
        return suppressed.contains(digest(fact.customerId()))
                || fact instanceof Event event && event.anonymousId() != null
                && suppressed.contains(digest(event.anonymousId()));
    }

    /** Stores the batches in one transaction and tells each its count; call under the writes lock. */
    private void store(List<Pending> group) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        StageStore.StoredParts ingested = ingestStore.ingestParts(SOURCE, group.stream().map(p -> p.facts).toList(),
                now.toString(), now);
        long number = ingests.incrementAndGet();
        ingested.customers().forEach(customer -> changedBy.put(customer, number));
        for (int i = 0; i < group.size(); i++) {
            group.get(i).stored = ingested.stored()[i];
            factsRead += group.get(i).facts.size();
            factsStored += ingested.stored()[i];
        }
    }

    /** After the group's shared transaction failed: each batch in its own, or the failure when it was alone. */
    private void storeEachAlone(List<Pending> group, RuntimeException shared) {
        if (group.size() == 1) {
            group.get(0).failure = shared;
            return;
        }
        for (Pending alone : group) {
            try {
                store(List.of(alone));
            } catch (RuntimeException e) {
                alone.failure = e;
            }
        }
    }

    /** A caller's batch waiting for the store; {@code stored} is set (under the writes lock) once committed. */
    private static final class Pending {
        final List<Fact> facts;
        int stored = -1;
        RuntimeException failure;

        Pending(List<Fact> facts) {
            this.facts = facts;
        }
    }

    /**
     * Evaluates every customer due as of now (or as of the last run, if a replay went beyond now) and hands their
     * transitions to the subscribers. Ingests go on meanwhile.
     *
     * @return how many customers were evaluated
     */
    long evaluate() {
        synchronized (evaluating) {
            Instant now = Instant.ofEpochMilli(clock.millis());
            Instant asOf = evaluationStore.lastRunAsOf().filter(now::isBefore).orElse(now);
            if (!evaluationStore.anyDue(asOf)) {
                return 0;
            }
            long read;
            long stored;
            synchronized (writes) {
                evaluationStart = ingests.get();
                read = factsRead;
                stored = factsStored;
                factsRead = 0;
                factsStored = 0;
            }
            StageRun.EvaluationSummary summary = run.evaluate(asOf,
                    List.of(new StageRun.SinkUse("subscribers", subscribers)),
                    new StageRun.IngestSummary(read, stored, 0));
            changedBy.values().removeIf(number -> number <= evaluationStart);
            return summary.evaluated();
        }
    }

    /** Saves a chunk between two ingests; customers an ingest changed since the evaluation started stay due. */
    private void saveChunk(List<Evaluation> evaluations, long runId) {
        synchronized (writes) {
            Set<String> changedSince = new HashSet<>();
            for (Evaluation evaluation : evaluations) {
                if (changedBy.getOrDefault(evaluation.customerId(), 0L) > evaluationStart) {
                    changedSince.add(evaluation.customerId());
                }
            }
            evaluationStore.save(evaluations, runId, changedSince);
        }
    }

    /**
     * Erases the customer from the store ({@link StageStore#erase}: facts, also those of the anonymous ids linked to
     * them, identity links, current row and transitions, in one transaction) and records the erasure with a salted
     * digest of the id. Both stores are opened again afterwards, and the run made anew over them, so that no identity
     * link they cached and no population RFM scales counting the customer survive.
     */
    Lifestage.Erasure erase(String customerId, Consumer<List<String>> erasedIds) {
        synchronized (evaluating) {
            synchronized (writes) {
                return eraseAlone(customerId, erasedIds);
            }
        }
    }

    private Lifestage.Erasure eraseAlone(String customerId, Consumer<List<String>> erasedIds) {
        String subject = digest(customerId);
        try {
            Lifestage.Erasure erasure = ingestStore.erase(customerId, subject, clock.instant(), erasedIds);
            if (erasure.found() && suppressed != null) {
                suppressed.add(subject);
            }
            return erasure;
        } finally {
            ingestStore.close();
            evaluationStore.close();
            reopen();
        }
    }

    /**
     * Runs work on the store with this writer's connections closed: after the evaluation in progress and before the
     * next, and, once the gate has let the ingests in progress finish, with every other call held out by it. The
     * connections are opened again afterwards, also when the work failed.
     */
    void closedFor(StoreGate gate, Runnable work) {
        synchronized (evaluating) {
            gate.alone(() -> {
                synchronized (writes) {
                    ingestStore.close();
                    evaluationStore.close();
                    try {
                        work.run();
                    } finally {
                        reopen();
                    }
                }
            });
        }
    }

    /** The salted SHA-256 of an id, hex: proves an erasure of a known id without keeping the id. */
    private String digest(String customerId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(customerId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public void close() {
        synchronized (evaluating) {
            synchronized (writes) {
                ingestStore.close();
                evaluationStore.close();
            }
        }
    }
}
