package io.lifestage.rules;

import io.lifestage.api.Transition;
import io.lifestage.api.spi.Source;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.connect.Connectors;
import io.lifestage.engine.connect.SettingsContext;
import io.lifestage.engine.run.StageRun;
import io.lifestage.engine.store.StageStore;
import io.lifestage.testing.StoreUnderTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An engine with the default pack over one store, fed the sample file. */
final class SampleReplay implements AutoCloseable {

    private static final Path SAMPLE = Path.of("sample", "events.jsonl");

    private final LifestageContainer engine;
    private final StageStore store;
    /** The store's {@code lifestage.store.*} settings. */
    private final Map<String, String> database;

    /** Over a store given by its {@code lifestage.store.*} settings. */
    SampleReplay(Map<String, String> store) {
        this.database = Map.copyOf(store);
        Map<String, String> settings = new HashMap<>(store);
        settings.put(RulesSettings.DIR, "pack");
        engine = LifestageContainer.start(settings, null);
        this.store = engine.openStore();
    }

    LifestageContainer engine() {
        return engine;
    }

    StageStore store() {
        return store;
    }

    StageRun.EvaluationSummary runAsOf(Instant asOf) {
        StageRun run = engine.stageRun(this.store, Clock.systemUTC());
        // Each run reads the whole file again; the store recognises what it already holds.
        StageRun.IngestSummary ingested = run.ingest(List.of(new StageRun.SourceUse("sample", resume -> {
            Source source = Connectors.installed(getClass().getClassLoader()).newSource("file");
            source.start(new SettingsContext("sample", Map.of("path", SAMPLE.toString()), rejected -> { }));
            return source;
        })));
        return run.evaluate(asOf, List.of(), ingested);
    }

    List<Transition> transitions() throws SQLException {
        List<Transition> all = new ArrayList<>();
        try (Connection connection = StoreUnderTest.connect(database);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT DISTINCT customer_id FROM ls_transition")) {
            List<String> customers = new ArrayList<>();
            while (rs.next()) {
                customers.add(rs.getString(1));
            }
            customers.stream().sorted().forEach(id -> all.addAll(store.history(id)));
        }
        return all.stream().filter(Objects::nonNull).toList();
    }

    @Override
    public void close() {
        store.close();
        engine.close();
    }
}
