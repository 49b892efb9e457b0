package io.lifestage.testkit;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.Sink;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers writes and hands them to one stream of its {@link InMemoryConnector} on flush; what was not flushed is
 * lost on close, as after a crash.
 */
final class InMemorySink implements Sink {

    private final InMemoryConnector connector;
    private final List<Decision> decisions = new ArrayList<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final List<ActionFired> actions = new ArrayList<>();
    private String stream;

    InMemorySink(InMemoryConnector connector) {
        this.connector = connector;
    }

    @Override
    public void start(ConnectorContext context) {
        this.stream = context.requiredSetting(InMemoryConnector.SINK_STREAM);
    }

    @Override
    public void writeDecisions(List<Decision> batch) {
        requireStarted("writeDecisions");
        decisions.addAll(batch);
    }

    @Override
    public void writeTransitions(List<Transition> batch) {
        requireStarted("writeTransitions");
        transitions.addAll(batch);
    }

    @Override
    public void writeActions(List<ActionFired> batch) {
        requireStarted("writeActions");
        actions.addAll(batch);
    }

    @Override
    public void flush() {
        requireStarted("flush");
        connector.store(stream, decisions, transitions, actions);
        clear();
    }

    @Override
    public void close() {
        clear();
    }

    private void clear() {
        decisions.clear();
        transitions.clear();
        actions.clear();
    }

    private void requireStarted(String call) {
        if (stream == null) {
            throw new IllegalStateException("memory sink: " + call + "() before start(); the engine calls start first");
        }
    }
}
