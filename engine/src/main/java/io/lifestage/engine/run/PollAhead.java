package io.lifestage.engine.run;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls on a thread of its own, up to {@value #AHEAD} batches ahead of the run that takes them: a source, or another
 * {@code PollAhead} whose batches this one transforms, so that reading and parsing, encoding, and sorting the input
 * each run on a thread of their own, spread by the system over the cores. The poll is called from that one thread
 * only, one call after the other, until it gives the last batch or fails; its failure comes out of {@link #next} in
 * the place of the batch it did not give.
 *
 * @param <T> a batch as the poll gives it
 */
final class PollAhead<T> implements AutoCloseable {

    private static final int AHEAD = 2;

    /** A batch, or the failure that came instead: a RuntimeException or an Error. */
    private record Polled<T>(T batch, Throwable failure) {
    }

    private final BlockingQueue<Polled<T>> polled = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;

    /**
     * Starts polling at once on a thread of this name, until a poll fails or gives a batch that {@code last} accepts.
     */
    PollAhead(String threadName, Supplier<T> poll, Predicate<T> last) {
        thread = new Thread(() -> {
            try {
                Polled<T> next;
                do {
                    next = pollOnce(poll);
                    polled.put(next);
                } while (next.failure() == null && !last.test(next.batch()));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private static <T> Polled<T> pollOnce(Supplier<T> poll) {
        try {
            return new Polled<>(poll.get(), null);
        } catch (RuntimeException | Error failure) {
            return new Polled<>(null, failure);
        }
    }

    /** The next batch, the last one at the end of the source; rethrows the poll's failure. */
    T next() {
        Polled<T> next;
        try {
            next = polled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a source", e);
        }
        if (next.failure() instanceof Error error) {
            throw error;
        }
        if (next.failure() != null) {
            throw (RuntimeException) next.failure();
        }
        return next.batch();
    }

    /** Stops polling, if it has not stopped, and waits for the thread to end. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
