package io.lifestage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.CustomerStage;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.Source;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.config.StoreSettings;
import io.lifestage.engine.connect.Connectors;
import io.lifestage.engine.connect.SettingsContext;
import io.lifestage.engine.generate.SyntheticEvents;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.store.Evaluation;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator a host without a stage store calls walks a customer as a run does. */
class CustomerEvaluatorTest {

    private static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void givesEachCustomerTheStageAndTransitionsOfARun() throws Exception {
        StringWriter events = new StringWriter();
        new SyntheticEvents(7, AS_OF).write(400, events);
        Path file = Files.writeString(dir.resolve("events.jsonl"), events.toString());
        try (LifestageContainer engine = LifestageContainer.start(Map.of(RulesSettings.DIR, "../rules/pack",
                "lifestage.store.url", "jdbc:h2:mem:evaluator-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"), null);
             StageStore store = engine.openStore()) {
            StageRun run = engine.stageRun(store, Clock.systemUTC());
            run.evaluate(AS_OF, List.of(), run.ingest(List.of(new StageRun.SourceUse("events", resume -> {
                Source source = Connectors.installed(getClass().getClassLoader()).newSource("file");
                source.start(new SettingsContext("events", Map.of("path", file.toString()), rejected -> {
                    throw new AssertionError("rejected: " + rejected);
                }));
                return source;
            }))));
            List<String> customers = TestStores.query(engine.bean(StoreSettings.class),
                    "SELECT customer_id FROM ls_customer ORDER BY customer_id", rs -> rs.getString(1));
            List<List<Fact>> facts = new ArrayList<>();
            store.facts(customers, facts::add);
            MetricsCalculator metrics = engine.bean(MetricsCalculator.class);
            List<RfmScales.Buyer> buyers = facts.stream().map(f -> metrics.buyer(f, AS_OF.toEpochMilli()))
                    .filter(buyer -> buyer != null).toList();
            try (CustomerEvaluator evaluator = new CustomerEvaluator(engine.ruleBase(), metrics,
                    RfmScales.of(buyers, AS_OF.toEpochMilli()))) {
                for (int i = 0; i < customers.size(); i++) {
                    String customer = customers.get(i);
                    Evaluation evaluation = evaluator.evaluate(customer, null, facts.get(i), AS_OF.toEpochMilli());
                    assertThat(evaluation.transitions()).as(customer).isEqualTo(store.history(customer));
                    assertThat(evaluation.stage()).as(customer)
                            .isEqualTo(store.stage(customer).map(CustomerStage::stage).orElse(null));
                }
            }
            assertThat(customers).hasSizeGreaterThan(300);
        }
    }
}
