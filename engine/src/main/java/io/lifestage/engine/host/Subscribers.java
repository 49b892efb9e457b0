package io.lifestage.engine.host;

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
 * are handed to every listener when the run flushes, before the chunk is stored. A listener that throws is logged and
 * does not stop the others or the run.
 */
final class Subscribers implements Sink {

    private static final Logger log = LoggerFactory.getLogger(Subscribers.class);

    private final List<Consumer<? super Transition>> listeners = new CopyOnWriteArrayList<>();
    private final List<Transition> pending = new ArrayList<>();

    Lifestage.Subscription add(Consumer<? super Transition> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void start(ConnectorContext context) {
    }

    @Override
    public void writeTransitions(List<Transition> transitions) {
        pending.addAll(transitions);
    }

    @Override
    public void flush() {
        for (Transition transition : pending) {
            for (Consumer<? super Transition> listener : listeners) {
                try {
                    listener.accept(transition);
                } catch (RuntimeException e) {
                    log.warn("A transition subscriber failed on transition {}", transition.id(), e);
                }
            }
        }
        pending.clear();
    }

    @Override
    public void close() {
        pending.clear();
    }
}
