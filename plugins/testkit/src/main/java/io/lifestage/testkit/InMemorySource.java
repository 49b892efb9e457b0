package io.lifestage.testkit;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Source;
import java.util.List;

/** Reads one stream of an {@link InMemoryConnector}; its position is the index of the next fact. */
final class InMemorySource implements Source {

    private final InMemoryConnector connector;
    private ConnectorContext context;
    private String stream;
    private int batchSize;
    private int next;

    InMemorySource(InMemoryConnector connector) {
        this.connector = connector;
    }

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.stream = context.requiredSetting(InMemoryConnector.SOURCE_STREAM);
        this.batchSize = context.integerSetting(InMemoryConnector.BATCH_SIZE);
        int size = connector.size(stream);
        if (size < 0) {
            throw failure("stream '" + stream + "' does not exist (streams: " + connector.streams()
                    + "); append facts to it before starting the source");
        }
        this.next = context.resumePosition().map(position -> indexOf(position, size)).orElse(0);
    }

    @Override
    public List<Fact> poll() {
        if (context == null) {
            throw new IllegalStateException("memory source: poll() before start(); the engine calls start first");
        }
        List<Fact> batch = connector.read(stream, next, batchSize);
        next += batch.size();
        return batch;
    }

    /** The index of the next fact as a decimal number, or empty before the first fact. */
    @Override
    public String position() {
        return next == 0 ? "" : Integer.toString(next);
    }

    @Override
    public void close() {
        // nothing to release: the facts belong to the connector
    }

    private int indexOf(String position, int size) {
        try {
            int index = Integer.parseInt(position);
            if (index >= 0 && index <= size) {
                return index;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw failure("cannot resume from position '" + position + "': expected the index of a fact of stream '"
                + stream + "', from 0 to " + size);
    }

    private ConnectorException failure(String what) {
        return ConnectorException.fatal(what);
    }
}
