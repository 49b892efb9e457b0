package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stored state of the customers asked for, whether they are many neighbours (a first run's chunk) or scattered. */
class CustomerStatesTest {

    private StageStore store;

    @BeforeEach
    void open() {
        store = TestStores.inMemory();
        List<Fact> visits = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            visits.add(Event.track(id(i), "Page Viewed", Instant.EPOCH, Map.of()));
        }
        store.ingest("events", visits, "end", Instant.EPOCH);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void manyNeighboursAreReadAsTheyAreAndNoOneElseIs() {
        List<String> asked = new ArrayList<>();
        for (int i = 100; i < 500; i++) {
            if (i % 7 != 0) {
                asked.add(id(i));
            }
            if (i == 250) {
                asked.add("c0250-never-seen");
            }
        }

        Map<String, CustomerState> states = store.states(asked);

        List<String> stored = asked.stream().filter(id -> !id.endsWith("never-seen")).toList();
        assertThat(states).hasSize(stored.size()).containsOnlyKeys(stored);
        assertThat(states.get(id(101))).isEqualTo(new CustomerState(id(101), null, null, null));
    }

    @Test
    void scatteredCustomersAreReadAsNeighboursAre() {
        List<String> scattered = new ArrayList<>();
        for (int i = 0; i < 1_000; i += 9) {
            scattered.add(id(i));
        }
        List<String> neighbours = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            neighbours.add(id(i));
        }

        assertThat(store.states(scattered)).hasSize(scattered.size()).containsOnlyKeys(scattered);
        assertThat(store.states(neighbours)).hasSize(200).containsOnlyKeys(neighbours)
                .allSatisfy((id, state) -> assertThat(state.stage()).isNull());
    }

    @Test
    void anEvaluatedCustomerIsReadAsTheEvaluationLeftThem() {
        Instant since = Instant.parse("2026-01-02T03:04:05.678Z");
        Instant asOf = since.plusSeconds(86_400);
        store.save(List.of(new Evaluation(id(7), "awareness", since, null, null, asOf, null, List.of())), 1);

        assertThat(store.states(List.of(id(7), id(8))))
                .containsEntry(id(7), new CustomerState(id(7), "awareness", since, asOf))
                .containsEntry(id(8), new CustomerState(id(8), null, null, null));
    }

    private static String id(int number) {
        return String.format("c%04d", number);
    }
}
