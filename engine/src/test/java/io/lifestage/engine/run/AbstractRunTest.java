package io.lifestage.engine.run;

import io.lifestage.api.Fact;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.store.StageStore;
import io.lifestage.testing.StoreUnderTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What tests of whole runs share: an engine over the rule pack a test writes into {@link #pack}, its store open, the
 * facts the test adds to {@link #input}, and a sink that records what runs hand out. A subclass writes its pack and
 * calls {@link #start} before each test; the store is empty at first, on H2 or, in a subclass, on PostgreSQL.
 */
abstract class AbstractRunTest implements StoreUnderTest {

    @TempDir
    Path pack;

    LifestageContainer engine;
    StageStore store;
    final List<Fact> input = new ArrayList<>();
    final RecordingSink sink = new RecordingSink();

    /** Starts the engine over the pack with these settings, a store's among them, and opens the store. */
    void start(Map<String, String> settings) {
        engine = Engines.start(settings, pack);
        store = engine.openStore();
    }

    @AfterEach
    void stop() {
        store.close();
        engine.close();
    }

    /**
     * Reads every fact added so far through a source named events (the store keeps each fact once) and evaluates the
     * customers due as of the instant, handing what they do out to the recording sink.
     */
    StageRun.EvaluationSummary ingestAndEvaluate(StageRun run, Instant asOf) {
        StageRun.IngestSummary ingested = run.ingest(List.of(new StageRun.SourceUse("events",
                resume -> new ListSource(List.copyOf(input), resume))));
        return run.evaluate(asOf, List.of(new StageRun.SinkUse("recording", sink)), ingested);
    }
}
