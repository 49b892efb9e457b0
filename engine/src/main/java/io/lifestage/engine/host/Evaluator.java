package io.lifestage.engine.host;

import io.lifestage.engine.internal.Failures;
import io.lifestage.engine.store.StoreException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one background thread that evaluates due customers: woken by every ingest, and every check interval when
 * nothing comes in, because time alone moves customers (a churn threshold passes). Two evaluations start at least a
 * pause apart and ingests arriving meanwhile are taken by the next one, so under load the work an evaluation does
 * for the whole population (RFM scales, stage counts) is done once per pause rather than once per request. After an
 * evaluation that took a time T the next one starts T later at the earliest, so that under overload evaluating takes
 * at most half of one core and requests keep the rest: the lag grows while the load lasts and shrinks after. Counts
 * ingests and evaluations so that callers can wait for "everything I ingested has been evaluated" without timing
 * guesses.
 */
final class Evaluator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Evaluator.class);
    private static final long RETRY_MILLIS = 1_000;
    /** Failures in a row after which {@link #failure()} reports them. */
    static final int FAILURES_REPORTED = 3;

    private final LongSupplier evaluation;
    private final Duration checkInterval;
    private final Duration pause;
    private long lastStart = System.nanoTime();
    private long earliestNext = lastStart;
    private final Thread thread;
    private long ingested;
    private long evaluated;
    private long oldestPending = -1;
    private long inFlightSince = -1;
    private boolean closed;
    /** The first pass runs at once: customers may have become due while no evaluator was running. */
    private boolean checkNow = true;
    /** The last evaluation failed (used by the evaluator thread only). */
    private boolean failing;
    /** Evaluations failed in a row, and the last one's error code (never its message, which may name a customer). */
    private volatile int failuresInARow;
    private volatile String lastFailure;

    Evaluator(LongSupplier evaluation, Duration checkInterval, Duration pause) {
        this.evaluation = evaluation;
        this.checkInterval = checkInterval;
        this.pause = pause;
        this.thread = new Thread(this::loop, "lifestage-evaluator");
        thread.setDaemon(true);
        thread.start();
    }

    /** Records an ingest and wakes the thread. */
    synchronized void ingested() {
        ingested++;
        if (oldestPending < 0) {
            oldestPending = System.nanoTime();
        }
        notifyAll();
    }

    /** Waits until every ingest recorded before the call has been evaluated; false on timeout. */
    synchronized boolean awaitEvaluated(Duration timeout) throws InterruptedException {
        long goal = ingested;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (evaluated < goal) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** How long the oldest ingest not yet evaluated has waited. */
    synchronized Duration lag() {
        long since = inFlightSince >= 0 ? inFlightSince : oldestPending;
        return since < 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    private void loop() {
        while (true) {
            long goal;
            synchronized (this) {
                if (evaluated == ingested && !checkNow && !closed) {
                    waitQuietly(checkInterval.toMillis());
                }
                checkNow = false;
                for (long quiet; (quiet = Math.max(lastStart + pause.toNanos(), earliestNext) - System.nanoTime()) > 0
                        && !closed; ) {
                    waitQuietly(Math.max(1, quiet / 1_000_000));
                }
                if (closed) {
                    return;
                }
                lastStart = System.nanoTime();
                goal = ingested;
                inFlightSince = oldestPending;
                oldestPending = -1;
            }
            boolean done = run();
            synchronized (this) {
                long end = System.nanoTime();
                earliestNext = end + (end - lastStart);
                if (done) {
                    evaluated = goal;
                } else if (inFlightSince >= 0 && (oldestPending < 0 || inFlightSince < oldestPending)) {
                    oldestPending = inFlightSince;
                }
                inFlightSince = -1;
                notifyAll();
                if (!done && !closed) {
                    waitQuietly(RETRY_MILLIS);
                }
            }
        }
    }

    /** Logs the first failure of a streak only, and its end: a database restart is one line, not one a second. */
    private boolean run() {
        try {
            evaluation.getAsLong();
            failuresInARow = 0;
            if (failing) {
                failing = false;
                log.warn("Evaluating due customers works again");
            }
            return true;
        } catch (RuntimeException e) {
            lastFailure = Failures.code(e);
            failuresInARow++;
            if (!failing) {
                failing = true;
                if (e instanceof StoreException store && store.unavailable()) {
                    log.error("Evaluating due customers failed, retrying every {} ms: {}", RETRY_MILLIS,
                            store.getMessage());
                } else {
                    log.error("Evaluating due customers failed; retrying every {} ms", RETRY_MILLIS,
                            Failures.redacted(e));
                }
            }
            return false;
        }
    }

    /** The last failure's error code, once {@value #FAILURES_REPORTED} evaluations in a row have failed. */
    Optional<String> failure() {
        return failuresInARow >= FAILURES_REPORTED ? Optional.of(lastFailure) : Optional.empty();
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    /** Stops the thread after the evaluation in progress, if any. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
