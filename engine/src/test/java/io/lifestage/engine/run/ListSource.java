package io.lifestage.engine.run;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.Source;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A source over a fixed list of facts, two per poll; its position is the index of the next fact. */
class ListSource implements Source {

    private final List<Fact> facts;
    private int next;

    ListSource(List<Fact> facts, Optional<String> resume) {
        this.facts = facts;
        this.next = resume.map(Integer::parseInt).orElse(0);
    }

    /** Ingests the facts through a list source and evaluates every customer as of an instant. */
    static void ingestAndEvaluate(StageRun run, List<Fact> facts, Instant asOf) {
        run.evaluate(asOf, List.of(), run.ingest(List.of(
                new StageRun.SourceUse("list", resume -> new ListSource(List.copyOf(facts), resume)))));
    }

    @Override
    public void start(ConnectorContext context) {
    }

    @Override
    public List<Fact> poll() {
        List<Fact> batch = facts.subList(next, Math.min(facts.size(), next + 2));
        next += batch.size();
        return List.copyOf(batch);
    }

    @Override
    public String position() {
        return Integer.toString(next);
    }

    @Override
    public void close() {
    }
}
