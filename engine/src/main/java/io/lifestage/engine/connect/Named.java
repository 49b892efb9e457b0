package io.lifestage.engine.connect;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.util.List;
import java.util.function.Supplier;

/**
 * A source or sink whose failures name it: every {@link ConnectorException} it throws once started comes out with
 * {@code connector '<name>': } in front of its message (the name its context gave at {@code start}), the same
 * retriability, and the plugin's exception as the cause. This is the one place that names connectors in failures, so
 * that plugins do not each build the prefix; a message that already starts with it (a plugin written for an earlier
 * version) is left as it is.
 */
abstract class Named {

    private String name;

    /** A source whose failures name it. */
    static Source source(Source source) {
        return new NamedSource(source);
    }

    /** A sink whose failures name it. */
    static Sink sink(Sink sink) {
        return new NamedSink(sink);
    }

    /** Starts the connector, remembering its name for the failures of this and every later call. */
    final void start(ConnectorContext context, Runnable start) {
        name = context.name();
        run(start);
    }

    /** Makes a call of the connector, naming it in its failure. */
    final void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** Makes a call of the connector, naming it in its failure. */
    final <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (ConnectorException e) {
            throw named(e);
        }
    }

    private ConnectorException named(ConnectorException e) {
        String prefix = "connector '" + name + "': ";
        if (name == null || String.valueOf(e.getMessage()).startsWith(prefix)) {
            return e;
        }
        String message = prefix + e.getMessage();
        if (!e.retriable()) {
            return ConnectorException.fatal(message, e);
        }
        ConnectorException named = ConnectorException.retriable(message, e);
        e.retryAfter().ifPresent(named::retryAfter);
        return named;
    }

    private static final class NamedSource extends Named implements Source {

        private final Source source;

        NamedSource(Source source) {
            this.source = source;
        }

        @Override
        public void start(ConnectorContext context) {
            start(context, () -> source.start(context));
        }

        @Override
        public List<Fact> poll() {
            return call(source::poll);
        }

        @Override
        public String position() {
            return call(source::position);
        }

        @Override
        public void close() {
            run(source::close);
        }
    }

    private static final class NamedSink extends Named implements Sink {

        private final Sink sink;

        NamedSink(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void start(ConnectorContext context) {
            start(context, () -> sink.start(context));
        }

        @Override
        public void writeDecisions(List<Decision> decisions) {
            run(() -> sink.writeDecisions(decisions));
        }

        @Override
        public void writeTransitions(List<Transition> transitions) {
            run(() -> sink.writeTransitions(transitions));
        }

        @Override
        public void writeActions(List<ActionFired> actions) {
            run(() -> sink.writeActions(actions));
        }

        @Override
        public void flush() {
            run(sink::flush);
        }

        @Override
        public void close() {
            run(sink::close);
        }
    }
}
