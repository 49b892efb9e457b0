package io.lifestage.api.spi;

import io.lifestage.api.Fact;
import java.util.List;

/**
 * Reads facts from outside: files, CRM tables, analytics APIs, event streams.
 *
 * <ol>
 *   <li>The engine calls {@link #start} once, with the connector's context.</li>
 *   <li>It calls {@link #poll} until a poll returns an empty list, which means the source has no more facts.</li>
 *   <li>It calls {@link #close} once, also after a failure.</li>
 * </ol>
 * One thread makes all calls. A record the source cannot turn into a fact goes to
 * {@link ConnectorContext#reject} and is not returned; a {@link ConnectorException} from any method stops the run
 * (or is retried when {@link ConnectorException#retriable()}).
 */
public interface Source extends AutoCloseable {

    /** Opens the input described by the context's settings. */
    void start(ConnectorContext context);

    /** The next batch of facts, in input order; an empty list once the input is exhausted. Never null. */
    List<Fact> poll();

    /** Releases the input. Safe to call more than once. */
    @Override
    void close();
}
