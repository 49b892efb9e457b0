package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.CustomerStage;
import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.api.Lifestage;
import io.lifestage.api.Transition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding example, as a host writes it: only {@code io.lifestage.api} types; the engine is found on the
 * class path through {@link java.util.ServiceLoader}.
 */
class EmbeddingExampleTest {

    @TempDir
    Path data;

    @Test
    void aHostStoresEventsHearsTransitionsReadsStagesAndErasesACustomer() throws Exception {
        List<Transition> moves = new CopyOnWriteArrayList<>();
        Instant now = Instant.now();

        try (Lifestage lifestage = Lifestage.builder()
                .rules(Cli.DEFAULT_PACK)
                .store("jdbc:h2:file:" + data.resolve("store"))
                .config("lifestage.host.erasure-salt", "change-me")
                .start()) {
            lifestage.subscribe(moves::add);
            lifestage.ingest(List.of(
                    Event.track("u1", "Product Viewed", now.minus(Duration.ofDays(3)), Map.of()),
                    Event.track("u1", "Order Completed", now.minus(Duration.ofDays(1)), Map.of("total", 40))));
            lifestage.awaitEvaluated(Duration.ofSeconds(10));

            CustomerStage stage = lifestage.stage("u1").orElseThrow();
            List<CustomerStage> converted = lifestage.customers("conversion", null, 100);
            Map<String, Long> counts = lifestage.stageCounts();
            Lifestage.Erasure erasure = lifestage.erase("u1");

            assertThat(stage.stage()).isEqualTo("conversion");
            assertThat(stage.reason()).isEqualTo("first and only purchase 1 days ago (within 30)");
            assertThat(converted).extracting(CustomerStage::customerId).containsExactly("u1");
            assertThat(counts).containsEntry("conversion", 1L).containsKeys("awareness", "churn");
            assertThat(moves).extracting(Transition::to).containsExactly("awareness", "conversion");
            assertThat(erasure.factsDeleted()).isEqualTo(2);
            assertThat(lifestage.stage("u1")).isEmpty();
        }
    }

    @Test
    void aHostClassifiesWithTheStandaloneEngineAndNoStore() {
        Instant asOf = Instant.parse("2026-11-01T00:00:00Z");

        try (Lifestage.StandaloneEngine engine = Lifestage.builder()
                .rules(Cli.DEFAULT_PACK)
                .store("jdbc:h2:file:" + data.resolve("store"))
                .startEngine()) {
            List<Decision> decisions = engine.classify(List.of(
                    Event.track("u1", "Order Completed", Instant.parse("2026-10-20T10:00:00Z"), Map.of("total", 40))),
                    asOf);

            assertThat(decisions).singleElement().satisfies(decision -> {
                assertThat(decision.stage()).isEqualTo("conversion");
                assertThat(decision.reason()).isEqualTo("first and only purchase 11 days ago (within 30)");
            });
        }
        assertThat(data).as("no store opened").isEmptyDirectory();
    }
}
