package io.lifestage.stream;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in tests for what Kafka Streams threads and node processes do. */
final class Waiting {

    private Waiting() {
    }

    /** Returns once the condition holds, checking every 200 ms; fails naming {@code what} after {@code most}. */
    static void until(String what, Duration most, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + most.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + most + ": " + what);
            }
            Thread.sleep(200);
        }
    }
}
