package io.lifestage.engine.host;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Lifestage;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.Sink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's subscribers, seen by {@link io.lifestage.engine.run.StageRun} as one more sink: a chunk's transitions
 * and actions are handed to every listener of their kind when the run flushes, before the chunk is stored. A
 * listener that throws is logged and does not stop the others or the run.
 */
final class Subscribers implements Sink {

    private static final Logger log = LoggerFactory.getLogger(Subscribers.class);

    /** The listeners of one kind of record and what the run wrote of it since the last flush. */
    private static final class Listeners<T> {

        private final String kind;
        private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();
        private final List<T> pending = new ArrayList<>();

        Listeners(String kind) {
            this.kind = kind;
        }

        Lifestage.Subscription add(Consumer<? super T> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        void deliver() {
            for (T record : pending) {
                for (Consumer<? super T> listener : listeners) {
                    try {
                        listener.accept(record);
                    } catch (RuntimeException e) {
                        log.warn("A {} subscriber failed on {}", kind, record, e);
                    }
                }
            }
            pending.clear();
        }
    }

    private final Listeners<Transition> transitions = new Listeners<>("transition");
    private final Listeners<ActionFired> actions = new Listeners<>("action");

    Lifestage.Subscription add(Consumer<? super Transition> listener) {
        return transitions.add(listener);
    }

    Lifestage.Subscription addActions(Consumer<? super ActionFired> listener) {
        return actions.add(listener);
    }

    @Override
    public void start(ConnectorContext context) {
    }

    @Override
    public void writeTransitions(List<Transition> batch) {
        transitions.pending.addAll(batch);
    }

    @Override
    public void writeActions(List<ActionFired> batch) {
        actions.pending.addAll(batch);
    }

    @Override
    public void flush() {
        transitions.deliver();
        actions.deliver();
    }

    @Override
    public void close() {
        transitions.pending.clear();
        actions.pending.clear();
    }
}
