package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.h2.tools.Server;
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
            store.leaveNewCustomersUnlisted(true);
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
    void aLargeImportMarksTheStoreForItsOneNewCustomerAmongCustomersWhoseFactsWereAllGivenAgain() {
        Fact ann = Event.track("ann", "Page Viewed", DAY0, Map.of());
        Fact bob = Event.track("bob", "Page Viewed", DAY0, Map.of());
        try (StageStore store = StageStore.open("jdbc:h2:file:" + dir.resolve("store"), "sa", "")) {
            importFacts(store, List.of(ann, bob));
            store.leaveNewCustomersUnlisted(true);

            importFacts(store, List.of(ann, bob, Event.track("cat", "Page Viewed", DAY0, Map.of())));

            assertThat(store.unlistedMarked()).isTrue();
            assertThat(store.dueCustomers(DAY0)).containsExactly("ann", "bob", "cat");
        }
    }

    @Test
    void aStoreOnAnH2ServerGivesNewCustomersTheirRowEvenInALargeImport() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
        try (StageStore store = StageStore.open("jdbc:h2:tcp://localhost:" + server.getPort() + "/store", "sa", "")) {
            store.leaveNewCustomersUnlisted(true);

            importFacts(store, List.of(Event.track("ann", "Page Viewed", DAY0, Map.of())));

            assertThat(store.states(List.of("ann"))).as("ann's row, where other processes may erase or link")
                    .containsOnlyKeys("ann");
            assertThat(store.unlistedMarked()).isFalse();
        } finally {
            server.stop();
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
