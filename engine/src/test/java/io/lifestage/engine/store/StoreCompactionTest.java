package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the end of a run gives an embedded H2 store's file back the space of the pages it rewrote. */
class StoreCompactionTest {

    private static final int CUSTOMERS = 5_000;

    @TempDir
    Path dir;
    private String url;

    /** A first run's store: its pages written once, so mostly live and left as it is. */
    @BeforeEach
    void firstRun() {
        url = "jdbc:h2:file:" + dir.resolve("store");
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            facts.add(Event.track("c" + i, "Order Completed", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
                    Map.of("total", i)));
        }
        StageStore store = StageStore.open(url, "sa", "");
        store.ingest("events", facts, "p1", Instant.EPOCH);
        store.recordRun(new RunRecord(1, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, CUSTOMERS, CUSTOMERS, 0,
                CUSTOMERS, 0, "v1"));
        assertThat(store.closeCompacted()).as("a first run's file left as it is").isFalse();
    }

    @Test
    void aRunThatAddedLittleLeavesAFileMostlyLiveAsItIs() throws Exception {
        long before = Files.size(file());

        assertThat(runRewriting(1, "c42")).isFalse();
        assertThat(Files.size(file())).isLessThan(2 * before);
    }

    @Test
    void aRunThatAddedLittleCompactsAFileMostlyOfOldPageCopies() throws Exception {
        long before = Files.size(file());

        assertThat(runRewriting(30, "%")).as("compacted after rewriting every customer's row 30 times").isTrue();

        assertThat(Files.size(file())).isLessThan(2 * before);
        try (StageStore store = StageStore.open(url, "sa", "")) {
            assertThat(store.dueCustomers(Instant.ofEpochMilli(Long.MAX_VALUE))).hasSize(CUSTOMERS);
        }
    }

    /**
     * A run that stores no fact but rewrites the rows of the customers whose ids are {@code LIKE} the pattern
     * {@code rewrites} times, then closes the store; says whether it compacted the store.
     */
    private boolean runRewriting(int rewrites, String customers) throws Exception {
        StageStore store = StageStore.open(url, "sa", "");
        StoreConnection db = new StoreConnection(url, "sa", "");
        try {
            for (int i = 1; i <= rewrites; i++) {
                long at = i;
                db.inTransaction("LS-TEST", "rewrite rows", () -> db.update("UPDATE ls_customer SET next_check_at = ?,"
                        + " reason = ? WHERE customer_id LIKE ?", at, "rewrite " + at, customers));
            }
        } finally {
            db.close();
        }
        store.recordRun(new RunRecord(2, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, 0, 0, 0, CUSTOMERS, 0, "v1"));
        if (rewrites > 1) {
            assertThat(Files.size(file())).as("file before the end of the run")
                    .isGreaterThan(StageStore.DEAD_BYTES_KEPT);
        }
        return store.closeCompacted();
    }

    private Path file() {
        return dir.resolve("store.mv.db");
    }
}
