package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Writes handed to another thread and connection while the caller goes on. */
class BackgroundWritesTest {

    @Test
    void writesRunInTheOrderHandedOnAConnectionOfTheirOwn() {
        List<String> written = new CopyOnWriteArrayList<>();
        try (StageStore store = TestStores.inMemory(); BackgroundWrites writes = new BackgroundWrites(store)) {
            for (int i = 0; i < 20; i++) {
                int number = i;
                writes.submit(writer -> {
                    assertThat(writer).isNotSameAs(store);
                    written.add(Thread.currentThread().getName() + " " + number);
                });
            }
            writes.await();
        }

        assertThat(written).hasSize(20).allMatch(line -> line.startsWith("lifestage-store-writer "))
                .isSortedAccordingTo((a, b) -> Integer.compare(number(a), number(b)));
    }

    @Test
    void aFailedWriteIsRethrownAndNoWriteStartsAfterIt() {
        AtomicInteger after = new AtomicInteger();
        try (StageStore store = TestStores.inMemory(); BackgroundWrites writes = new BackgroundWrites(store)) {
            writes.submit(writer -> {
                throw new IllegalStateException("a constraint was violated");
            });

            assertThatThrownBy(() -> writes.submit(writer -> after.incrementAndGet()))
                    .isInstanceOf(IllegalStateException.class).hasMessage("a constraint was violated");
            assertThatThrownBy(writes::await).isInstanceOf(IllegalStateException.class);
        }
        assertThat(after).hasValue(0);
    }

    private static int number(String line) {
        return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
    }
}
