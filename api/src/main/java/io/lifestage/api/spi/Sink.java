package io.lifestage.api.spi;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import java.util.List;

/**
 * Takes results out: files, database tables, webhooks, CRM write-back, event streams. A sink receives the
 * {@link Decision decisions} that changed in a run (a customer's current stage and why) and the
 * {@link Transition transitions} (moves between stages, with the actions they trigger) and the
 * {@link ActionFired actions} due (those of transitions and of the rule pack's journeys, with their payload; never
 * one the customer is held out of as the action's control group, which no transition lists either); it implements
 * the ones it has a use for.
 *
 * <h2>Life cycle</h2>
 * <ol>
 *   <li>The engine calls {@link #start} once.</li>
 *   <li>It calls {@link #writeDecisions}, {@link #writeTransitions} and {@link #writeActions} with batches, in
 *       customer-id order, then {@link #flush}. Returning normally from {@code flush} is the sink's
 *       <em>acknowledgement</em>: everything written so far is durable. Only then does the engine record the
 *       stages, transitions and actions written in the stage store, so a later run does not hand them out again.
 *       (Sources' positions do not wait for sinks: they are committed with the facts read.)</li>
 *   <li>It calls {@link #close} once, also after a failure.</li>
 * </ol>
 *
 * <h2>Delivery</h2>
 * At least once: after a crash between a sink's write and the engine's commit, the next run writes the same
 * decisions, transitions and actions again, with the same ids. A sink that can be idempotent should
 * be (upsert decisions by customer id, insert transitions by id, pass the id to the receiver).
 *
 * <h2>Threads and errors</h2>
 * One thread makes all calls on one instance. A {@link ConnectorException} that is
 * {@link ConnectorException#retriable() retriable} makes the engine retry the same call after a pause; any other
 * exception stops the run, and nothing of the batch is committed.
 */
public interface Sink extends AutoCloseable {

    /** Opens the output described by the context's settings. */
    void start(ConnectorContext context);

    /** Writes decisions; may buffer until {@link #flush}. Ignores them by default. */
    default void writeDecisions(List<Decision> decisions) {
    }

    /** Writes transitions; may buffer until {@link #flush}. Ignores them by default. */
    default void writeTransitions(List<Transition> transitions) {
    }

    /**
     * Writes the actions due, in customer-id order, each customer's in time order; may buffer until {@link #flush}.
     * Ignores them by default, so sinks written before actions carried payloads keep working.
     */
    default void writeActions(List<ActionFired> actions) {
    }

    /** Makes everything written so far durable; returning is the acknowledgement. */
    void flush();

    /** Releases the output. Safe to call more than once. */
    @Override
    void close();
}
