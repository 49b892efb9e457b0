package io.lifestage.api.spi;

import io.lifestage.api.Decision;
import java.util.List;

/**
 * Takes decisions out: files, database tables, webhooks, CRM write-back, event streams.
 *
 * <ol>
 *   <li>The engine calls {@link #start} once, with the connector's context.</li>
 *   <li>It calls {@link #write} with batches of decisions in customer-id order, then {@link #flush} when the
 *       run's output is complete; a decision counts as delivered only once {@code flush} returned.</li>
 *   <li>It calls {@link #close} once, also after a failure.</li>
 * </ol>
 * One thread makes all calls. A {@link ConnectorException} stops the run unless it is
 * {@link ConnectorException#retriable() retriable}, in which case the engine may call again with the same batch.
 */
public interface Sink extends AutoCloseable {

    /** Opens the output described by the context's settings. */
    void start(ConnectorContext context);

    /** Writes a batch of decisions; may buffer until {@link #flush}. */
    void write(List<Decision> decisions);

    /** Makes everything written so far durable. */
    void flush();

    /** Releases the output. Safe to call more than once. */
    @Override
    void close();
}
