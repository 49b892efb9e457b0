package io.lifestage.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ErasureCompactionTest {

    @Test
    void erasuresBeforeTheCompactionStartsShareIt() throws Exception {
        AtomicInteger compactions = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        try (ErasureCompaction compaction = new ErasureCompaction(Duration.ofMillis(200), () -> {
            compactions.incrementAndGet();
            done.countDown();
        })) {
            compaction.erased();
            compaction.erased();
            compaction.erased();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(compactions).hasValue(1);
    }

    @Test
    void aFailedCompactionIsTriedAgainWithoutAnotherErasure() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        CountDownLatch succeeded = new CountDownLatch(1);
        try (ErasureCompaction compaction = new ErasureCompaction(Duration.ofMillis(10), () -> {
            if (tries.incrementAndGet() < 3) {
                throw new IllegalStateException("the file is locked");
            }
            succeeded.countDown();
        })) {
            compaction.erased();
            assertThat(succeeded.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(tries).hasValue(3);
    }

    @Test
    void closingRunsTheCompactionStillScheduled() {
        AtomicInteger compactions = new AtomicInteger();
        ErasureCompaction compaction = new ErasureCompaction(Duration.ofHours(1), compactions::incrementAndGet);
        compaction.erased();
        compaction.close();
        assertThat(compactions).hasValue(1);
    }
}
