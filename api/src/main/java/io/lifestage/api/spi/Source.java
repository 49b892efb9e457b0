package io.lifestage.api.spi;

import io.lifestage.api.Fact;
import java.util.List;

/**
 * Reads facts from outside: files, CRM tables, analytics APIs, event streams.
 *
 * <h2>Life cycle</h2>
 * <ol>
 *   <li>The engine calls {@link #start} once. If an earlier run committed a position,
 *       {@link ConnectorContext#resumePosition()} holds it and the source must continue just after it.</li>
 *   <li>It calls {@link #poll} repeatedly. An empty batch means "nothing more for now": a batch run ends there,
 *       a following run ({@code lifestage run --follow}) waits and polls again, so a source whose input grows
 *       (an appended file, new rows, a new page) returns the new facts on a later poll.</li>
 *   <li>After a batch the engine may ask for {@link #position()}. It commits the position in one transaction with
 *       the facts read up to it, as soon as they are stored; from then on the stage store holds them, and sinks
 *       acknowledge what the facts decide later, independently of the source. A run stopped before that commit
 *       resumes from the last committed position, so facts after it are read again: delivery is <em>at least
 *       once</em>, and the engine drops facts it has already stored.</li>
 *   <li>It calls {@link #close} once, also after a failure.</li>
 * </ol>
 *
 * <h2>Threads and errors</h2>
 * One thread makes all calls on one instance; implementations need no locking. Facts are returned in input
 * order. A record the source cannot turn into a fact goes to {@link ConnectorContext#reject} with its position and
 * reason and is not returned. A {@link ConnectorException} from {@code poll} that is
 * {@link ConnectorException#retriable() retriable} (a timeout, a busy server) makes the engine wait and call
 * {@code poll} again; any other exception stops the run without committing the batch.
 */
public interface Source extends AutoCloseable {

    /** Opens the input described by the context's settings, at the resume position if there is one. */
    void start(ConnectorContext context);

    /** The next facts, in input order; an empty list when there are none now. Never null. */
    List<Fact> poll();

    /**
     * Where the input stands just after the last fact returned by {@link #poll}: a byte offset, a cursor column
     * value, a page token. Opaque to the engine, which stores it and hands it back through
     * {@link ConnectorContext#resumePosition()}. Empty string before the first fact.
     */
    String position();

    /** Releases the input. Safe to call more than once. */
    @Override
    void close();
}
