package io.lifestage.engine.run;

import io.lifestage.api.Fact;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Polls a source on a thread of its own, up to {@value #AHEAD} batches ahead of the run that stores them, so that
 * reading and parsing the input use one core while sorting and storing it use the other. The source is polled from
 * that one thread only, one poll after the other, until it gives an empty batch or fails; its failure comes out of
 * {@link #next} in the place of the batch it did not give.
 */
final class PollAhead implements AutoCloseable {

    private static final int AHEAD = 2;

    /** A batch, or the failure that came instead: a RuntimeException or an Error. */
    private record Polled(List<Fact> batch, Throwable failure) {

        boolean last() {
            return failure != null || batch.isEmpty();
        }
    }

    private final BlockingQueue<Polled> polled = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;

    /** Starts polling at once. */
    PollAhead(String source, Supplier<List<Fact>> poll) {
        thread = new Thread(() -> {
            try {
                Polled next;
                do {
                    next = pollOnce(poll);
                    polled.put(next);
                } while (!next.last());
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "lifestage-poll-" + source);
        thread.setDaemon(true);
        thread.start();
    }

    private static Polled pollOnce(Supplier<List<Fact>> poll) {
        try {
            return new Polled(poll.get(), null);
        } catch (RuntimeException | Error failure) {
            return new Polled(null, failure);
        }
    }

    /** The next batch, empty at the end of the source; rethrows the poll's failure. */
    List<Fact> next() {
        Polled next;
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
