package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large import on H2 stores new customers' facts without a row, and the store stays marked, also once reopened, so
 * that those customers are due until an evaluation gives them their row.
 */
class UnlistedCustomersTest {

    private static final Instant DAY0 = Instant.parse("2025-01-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void newCustomersOfALargeImportHaveNoRowAndStayDueAfterTheStoreIsReopened() {
        String url = "jdbc:h2:file:" + dir.resolve("store");
        try (StageStore store = StageStore.open(url, "sa", "")) {
            store.leaveNewCustomersUnlisted();
            importFacts(store, List.of(Event.track("ann", "Page Viewed", DAY0, Map.of())));

            assertThat(store.states(List.of("ann"))).as("ann's row").isEmpty();
            assertThat(store.dueCustomers(DAY0)).containsExactly("ann");
        }
        try (StageStore reopened = StageStore.open(url, "sa", "")) {
            reopened.clearUnlistedMarkIfNoneLeft();

            assertThat(reopened.anyDue(DAY0)).isTrue();
            assertThat(reopened.dueCustomers(DAY0)).containsExactly("ann");
        }
    }

    @Test
    void anImportThatIsNotLargeGivesNewCustomersTheirRowAndLeavesTheStoreUnmarked() {
        try (StageStore store = StageStore.open("jdbc:h2:file:" + dir.resolve("store"), "sa", "")) {
            importFacts(store, List.of(Event.track("ann", "Page Viewed", DAY0, Map.of())));

            assertThat(store.states(List.of("ann"))).containsOnlyKeys("ann");
            assertThat(store.unlistedMarked()).isFalse();
        }
    }

    private static void importFacts(StageStore store, List<Fact> facts) {
        try (FactImport newFacts = store.importFacts("events", DAY0)) {
            newFacts.add(FactImport.prepare(facts));
            newFacts.commit("1", stored -> {
            });
        }
    }
}
