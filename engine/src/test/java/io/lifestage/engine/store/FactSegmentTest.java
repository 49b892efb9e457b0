package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A customer's facts kept as segments: every field comes back, old stores are converted, many calls stay cheap. */
class FactSegmentTest {

    private static final Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AtomicInteger STORES = new AtomicInteger();

    @Test
    void aSegmentGivesBackEveryFieldOfEveryFact() {
        List<StoredFact> facts = List.of(
                new StoredFact(StoredFact.digest("a"), "ann", -86_400_000L, "page", "Page Viewed", "anon-ä", null,
                        "{}"),
                new StoredFact(StoredFact.digest("b"), "ann", -86_400_000L, "identify", "Identified", "anon-ä",
                        "ann", "{\"traits\":{\"email\":\"ann@example.com\"}}"),
                new StoredFact(StoredFact.digest("c"), "ann", 1_790_000_000_000L, "track", "Order Completed", null,
                        "ann", "{\"properties\":{\"note\":\"" + "€".repeat(30_000) + "\"}}"),
                new StoredFact(StoredFact.digest("d"), "ann", 1_700_000_000_000L, "profile", "Profile", null, "ann",
                        "{\"traits\":{}}"));

        assertThat(FactSegment.decode("ann", FactSegment.encode(facts))).isEqualTo(facts);
    }

    @Test
    void aDamagedSegmentIsRefusedAsSuch() {
        byte[] segment = FactSegment.encode(List.of(new StoredFact(StoredFact.digest("a"), "ann", 0, "track",
                "Page Viewed", null, "ann", "{}")));

        assertThatThrownBy(() -> FactSegment.decode("ann", java.util.Arrays.copyOf(segment, segment.length - 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cut short or damaged");
        segment[0] = 9;
        assertThatThrownBy(() -> FactSegment.decode("ann", segment)).hasMessageContaining("version 9");
    }

    @Test
    void aStoreOfTheSchemaBeforeSegmentsKeepsEveryFactWhenOpened() throws Exception {
        String url = "jdbc:h2:mem:segments-" + STORES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        TestStores.migrateTo(url, "6");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO ls_fact (customer_id, occurred_at,"
                     + " fact_key, kind, name, anonymous_id, user_id, body, source_name, ingested_at)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'events', 0)")) {
            for (int day = 9; day >= 0; day--) {
                for (String customer : List.of("bob", "ann")) {
                    StoredFact fact = StoredFact.of(Event.track(customer, "Page Viewed", at(day),
                            Map.of("day", day)), customer);
                    Object[] values = {fact.customerId(), fact.occurredAt(), fact.key(), fact.kind(), fact.name(),
                        fact.anonymousId(), fact.userId(), fact.body()};
                    for (int i = 0; i < values.length; i++) {
                        insert.setObject(i + 1, values[i]);
                    }
                    insert.executeUpdate();
                }
            }
            connection.createStatement().execute("INSERT INTO ls_customer (customer_id, evaluated_as_of,"
                    + " next_check_at, purchases, revenue, rfm_recency, rfm_frequency, rfm_monetary, value_tier)"
                    + " VALUES ('ann', 0, 0, 0, 0, 0, 0, 0, 'none'), ('bob', 0, 0, 0, 0, 0, 0, 0, 'none')");
        }

        try (StageStore store = TestStores.open(url)) {
            List<List<Fact>> read = new ArrayList<>();
            store.facts(List.of("ann", "bob"), read::add);

            assertThat(read).hasSize(2).allSatisfy(facts -> assertThat(facts).hasSize(10)
                    .extracting(fact -> ((Event) fact).number("day")).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0,
                            6.0, 7.0, 8.0, 9.0));
            assertThat(read.get(0)).allSatisfy(fact -> assertThat(fact.customerId()).isEqualTo("ann"));
            assertThat(store.ingest("events", List.of(Event.track("ann", "Page Viewed", at(3), Map.of("day", 3))),
                    "again", Instant.EPOCH)).as("a fact stored before the conversion is still recognised").isZero();
        }
    }

    @Test
    void aCustomerWhoseFactsCameInManyCallsKeepsThemAllInFewRows() throws Exception {
        String url = "jdbc:h2:mem:segments-" + STORES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        try (StageStore store = TestStores.open(url)) {
            List<Fact> sent = new ArrayList<>();
            for (int day = 39; day >= 0; day--) {
                Event visit = Event.track("ann", "Page Viewed", at(day), Map.of("day", day));
                sent.add(visit);
                assertThat(store.ingest("events", List.of(visit), "call " + day, Instant.EPOCH)).isEqualTo(1);
            }

            assertThat(store.ingest("events", sent, "all again", Instant.EPOCH)).isZero();
            List<Fact> stored = new ArrayList<>();
            store.facts(List.of("ann"), stored::addAll);
            assertThat(stored).extracting(fact -> ((Event) fact).timestamp()).hasSize(40).isSorted();
            int[] segments = TestStores.query(TestStores.at(url), "SELECT COUNT(*), SUM(facts) FROM ls_fact_segment"
                    + " WHERE customer_id = 'ann'", rs -> new int[] {rs.getInt(1), rs.getInt(2)}).get(0);
            assertThat(segments[0]).isLessThan(16);
            assertThat(segments[1]).isEqualTo(40);
        }
    }

    @Test
    void aReaderGetsTheMapsOfTheFactsItWantsByNameAndOfTheOthersFromAnInstantOn() throws Exception {
        String url = "jdbc:h2:mem:segments-" + STORES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        try (StageStore store = TestStores.open(url)) {
            List<Fact> sent = new ArrayList<>();
            for (int day = 0; day < 6; day++) {
                sent.add(Event.track("ann", day % 2 == 0 ? "Page Viewed" : "Order Completed", at(day),
                        Map.of("day", day)));
            }
            store.ingest("events", sent, "all", Instant.EPOCH);

            List<Fact> read = new ArrayList<>();
            store.facts(List.of("ann"), Set.of(), MapsWanted.named("Order Completed"::equals)
                    .orFrom(at(4).toEpochMilli(), "Page Viewed"::equals), read::addAll);

            assertThat(read).extracting(fact -> ((Event) fact).number("day"))
                    .containsExactly(null, 1.0, null, 3.0, 4.0, 5.0);
        }
    }

    private static Instant at(int day) {
        return DAY0.plus(Duration.ofDays(day));
    }
}
