package io.lifestage.engine.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes to a store on a thread and a connection of their own, one write at a time and in the order handed, while the
 * caller prepares the next: a bulk run then uses both cores, one evaluating or sorting, the other writing. Each write
 * is whatever the store's write methods make of it (one transaction each), so a process killed meanwhile leaves the
 * store as after the last write that ended; a failed write is rethrown to the caller at its next call, and no later
 * write starts after it.
 */
public final class BackgroundWrites implements AutoCloseable {

    private final StageStore store;
    /** The store on the other connection. */
    private final StageStore writer;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread named = new Thread(task, "lifestage-store-writer");
        named.setDaemon(true);
        return named;
    });
    private Future<?> last = CompletableFuture.completedFuture(null);

    /** Writes to the database of this store through a connection of its own, which {@link #close} closes. */
    public BackgroundWrites(StageStore store) {
        this.store = store;
        this.writer = store.anotherConnection();
    }

    /** Waits for the write handed before to end, rethrowing its failure, then starts this one. */
    public void submit(Consumer<StageStore> write) {
        await();
        last = thread.submit(() -> write.accept(writer));
    }

    /** Waits for the last write handed to end, rethrowing its failure. */
    public void await() {
        try {
            last.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("LS-STORE-0002", "interrupted while waiting for a write to " + store.url(), e);
        } catch (ExecutionException e) {
            last = CompletableFuture.failedFuture(e.getCause());
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause(); // a Consumer throws nothing else
        }
    }

    /** Waits for the write under way to end, without starting any other, and closes the connection. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            while (!thread.isTerminated()) {
                thread.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writer.close();
        }
    }
}
