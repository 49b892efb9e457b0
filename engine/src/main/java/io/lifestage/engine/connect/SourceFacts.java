package io.lifestage.engine.connect;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.Source;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The facts of a started source, one at a time, polling batches as they are consumed. */
public final class SourceFacts implements Iterator<Fact> {

    private final Source source;
    private List<Fact> batch = List.of();
    private int next;
    private boolean exhausted;

    /** Iterates the facts of a started source. */
    public SourceFacts(Source source) {
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        while (next == batch.size() && !exhausted) {
            batch = source.poll();
            next = 0;
            exhausted = batch.isEmpty();
        }
        return next < batch.size();
    }

    @Override
    public Fact next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.get(next++);
    }
}
