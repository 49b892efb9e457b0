package io.lifestage.stream;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.connect.Connectors;
import io.lifestage.engine.connect.SettingsContext;
import io.lifestage.engine.generate.SyntheticEvents;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.run.StageRun;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import io.lifestage.segment.RecordJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code lifestage run} gives for a file of Segment calls as of an instant, in a new in-memory store: every
 * customer's stage, and every transition and action as the output and actions topics hold them (JSON).
 *
 * @param stages      stage by customer id
 * @param transitions the transitions' JSON
 * @param actions     the JSON of the actions the run handed to its sinks
 */
record OneMachine(Map<String, String> stages, List<String> transitions, List<String> actions) {

    static OneMachine run(LifestageContainer engine, Path events, Instant asOf) throws SQLException {
        return run(engine, events, asOf, null);
    }

    /**
     * The same, handing out only the actions due at most {@code actionsMaxAge} before as-of (null: however long), as
     * a node with that {@code lifestage.actions.max-age} publishes them.
     */
    static OneMachine run(LifestageContainer engine, Path events, Instant asOf, Duration actionsMaxAge)
            throws SQLException {
        String url = "jdbc:h2:mem:one-machine-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (StageStore store = TestStores.open(url)) {
            StageRun run = new StageRun(store, engine::ruleBase, engine.bean(MetricsCalculator.class),
                    Clock.systemUTC()).handingOutActionsWithin(actionsMaxAge);
            StageRun.IngestSummary ingested = run.ingest(List.of(new StageRun.SourceUse("events", resume -> {
                Source source = Connectors.installed(OneMachine.class.getClassLoader()).newSource("file");
                source.start(new SettingsContext("events", Map.of("path", events.toString()), rejected -> {
                    throw new AssertionError("rejected: " + rejected);
                }));
                return source;
            })));
            ActionsSink actions = new ActionsSink();
            run.evaluate(asOf, List.of(new StageRun.SinkUse("actions", actions)), ingested);
            Map<String, String> stages = new TreeMap<>();
            TestStores.query(TestStores.at(url), "SELECT customer_id, stage FROM ls_customer",
                    rs -> stages.put(rs.getString(1), rs.getString(2)));
            List<String> transitions = new ArrayList<>();
            for (String customer : stages.keySet()) {
                for (Transition transition : store.history(customer)) {
                    transitions.add(new String(RecordJson.write(transition), StandardCharsets.UTF_8));
                }
            }
            return new OneMachine(stages, transitions, actions.written);
        }
    }

    /** Keeps the JSON of the actions a run hands out. */
    private static final class ActionsSink implements Sink {

        private final List<String> written = new ArrayList<>();

        @Override
        public void start(ConnectorContext context) {
        }

        @Override
        public void writeActions(List<ActionFired> actions) {
            actions.forEach(action -> written.add(new String(RecordJson.write(action), StandardCharsets.UTF_8)));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /**
     * An {@code Order Completed} call at an instant for each of the first {@code customers} generated customers: moves
     * and actions due now for customers whose history is old.
     */
    static List<String> ordersAt(Instant at, int customers) {
        List<String> orders = new ArrayList<>();
        for (int i = 1; i <= customers; i++) {
            orders.add(String.format("{\"type\":\"track\",\"userId\":\"u%07d\",\"event\":\"Order Completed\","
                    + "\"timestamp\":\"%s\",\"properties\":{\"total\":25}}", i, at));
        }
        return orders;
    }

    /**
     * Segment calls of generated customers whose history ends long before the tests run (2024), so that nobody moves
     * by time alone while a test with a real wall clock runs.
     */
    static List<String> oldHistory(int seed, int customers) {
        StringWriter generated = new StringWriter();
        try {
            new SyntheticEvents(seed, Instant.parse("2024-01-01T00:00:00Z")).write(customers, generated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return generated.toString().lines().toList();
    }

    /** An engine with the default rule pack. */
    static LifestageContainer engine() {
        return LifestageContainer.start(Map.of(RulesSettings.DIR, "../rules/pack"), null);
    }
}
