package io.lifestage.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.engine.metrics.RfmScales;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The host's reads score customers against buyers read at most once per refresh interval. */
class RecentScalesTest {

    private final AtomicInteger reads = new AtomicInteger();

    private RfmScales read() {
        reads.incrementAndGet();
        return RfmScales.of(List.of(new RfmScales.Buyer(0, reads.get(), 10)), 0);
    }

    @Test
    void theBuyersAreReadAgainOnlyOnceTheRefreshIntervalHasPassed() throws Exception {
        RecentScales scales = new RecentScales(Duration.ofMillis(300), this::read);

        RfmScales first = scales.get();
        assertThat(scales.get()).isSameAs(first);
        assertThat(reads).hasValue(1);
        Thread.sleep(400);
        assertThat(scales.get()).isNotSameAs(first);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRefreshOfZeroReadsTheBuyersAtEveryCall() {
        RecentScales scales = new RecentScales(Duration.ZERO, this::read);

        scales.get();
        scales.get();

        assertThat(reads).hasValue(2);
    }

    @Test
    void whileOneCallerReadsTheBuyersAgainTheOthersGoOnWithThePreviousScales() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecentScales scales = new RecentScales(Duration.ofMillis(100), () -> {
            if (reads.get() == 1) {
                reading.countDown();
                await(release);
            }
            return read();
        });
        RfmScales first = scales.get();
        Thread.sleep(150);

        CompletableFuture<RfmScales> slow = CompletableFuture.supplyAsync(scales::get);
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(scales.get()).as("while the buyers are read again").isSameAs(first);
        release.countDown();

        RfmScales second = slow.get(10, TimeUnit.SECONDS);
        assertThat(second).isNotSameAs(first);
        assertThat(scales.get()).isSameAs(second);
        assertThat(reads).hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
