package io.lifestage.engine.host;

import io.lifestage.engine.internal.Failures;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the store a while after an erasure, so that the erased rows leave its file: the first erasure schedules a
 * compaction {@code delay} later, and the erasures until it starts are covered by that one. An erasure committed after
 * a compaction started schedules the next. A compaction that fails is tried again, first after the delay, then
 * after twice as long each time, up to {@link #LONGEST_RETRY}: erased rows do not wait for the next erasure. Closing
 * runs the one still scheduled, so a clean stop leaves no erased bytes behind.
 */
final class ErasureCompaction implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ErasureCompaction.class);
    /** The longest wait between two tries of a compaction that keeps failing. */
    static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

    private final Duration delay;
    /** The wait before the next try after a failure; the delay again once a compaction succeeded. */
    private Duration retry;
    private final Runnable compaction;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread compacting = new Thread(runnable, "lifestage-erasure-compaction");
        compacting.setDaemon(true);
        return compacting;
    });

    ErasureCompaction(Duration delay, Runnable compaction) {
        this.delay = delay;
        this.compaction = compaction;
        this.retry = delay;
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** An erasure deleted rows: schedules a compaction unless one is scheduled and has not started yet. */
    void erased() {
        schedule(delay);
    }

    private void schedule(Duration after) {
        if (scheduled.compareAndSet(false, true)) {
            thread.schedule(this::run, after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        // Cleared before the compaction waits for the store, so that an erasure committed meanwhile is either
        // compacted by this one or schedules the next.
        scheduled.set(false);
        long start = System.nanoTime();
        try {
            compaction.run();
            log.info("Compacted the stage store after erasures in {} ms (calls waited meanwhile)",
                    (System.nanoTime() - start) / 1_000_000);
            retry = delay;
        } catch (RuntimeException e) {
            log.error("LS-HOST-0003 compacting the stage store after an erasure failed ({}): the erased rows stay in"
                    + " its file until the next try, in {} ms", Failures.describe(e), retry.toMillis());
            if (!thread.isShutdown()) {
                schedule(retry);
            }
            retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
        }
    }

    /** Waits for a compaction in progress, then runs the one still scheduled, if any, on this thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (scheduled.get()) {
            run();
        }
    }
}
