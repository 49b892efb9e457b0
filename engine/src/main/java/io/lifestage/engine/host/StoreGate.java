package io.lifestage.engine.host;

import io.lifestage.engine.store.StoreException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Lets ingests and reads use the store together, and a compaction use it alone: the compaction waits for the calls in
 * progress, and a call arriving meanwhile waits up to {@value #WAIT_MILLIS} ms for it, then fails as the store being
 * unavailable (a 503 with {@code Retry-After} over HTTP) before touching anything.
 */
final class StoreGate {

    static final long WAIT_MILLIS = 2_000;

    /** Fair, so that a waiting compaction holds newer calls back instead of waiting for a pause that never comes. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** Runs a call that shares the store. */
    <T> T shared(Supplier<T> call) {
        boolean entered;
        try {
            entered = lock.readLock().tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            entered = false;
        }
        if (!entered) {
            throw StoreException.busy("LS-STORE-0012", "the stage store is being compacted after an erasure; retry in a"
                    + " few seconds");
        }
        try {
            return call.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs work with the store to itself, once the calls in progress are done. */
    void alone(Runnable work) {
        lock.writeLock().lock();
        try {
            work.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
