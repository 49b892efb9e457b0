package io.lifestage.engine.run;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.Sink;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it was given once flushed; it can be told to fail on the next flushes. */
final class RecordingSink implements Sink {

    final List<Transition> transitions = new ArrayList<>();
    final List<Decision> decisions = new ArrayList<>();
    final List<ActionFired> actions = new ArrayList<>();
    private final List<ActionFired> pendingActions = new ArrayList<>();
    private final List<Transition> pendingTransitions = new ArrayList<>();
    private final List<Decision> pendingDecisions = new ArrayList<>();
    private RuntimeException failOnFlush;
    private int passingFlushes;
    private int failingFlushes;

    /** Makes the next {@code times} flushes throw {@code failure}, dropping what they were to write. */
    void failNextFlushes(int times, RuntimeException failure) {
        failFlushesAfter(0, times, failure);
    }

    /** Lets {@code passing} flushes through, then makes the {@code times} after them throw {@code failure}. */
    void failFlushesAfter(int passing, int times, RuntimeException failure) {
        passingFlushes = passing;
        failingFlushes = times;
        failOnFlush = failure;
    }

    @Override
    public void start(ConnectorContext context) {
    }

    @Override
    public void writeTransitions(List<Transition> batch) {
        pendingTransitions.addAll(batch);
    }

    @Override
    public void writeActions(List<ActionFired> batch) {
        pendingActions.addAll(batch);
    }

    @Override
    public void writeDecisions(List<Decision> batch) {
        pendingDecisions.addAll(batch);
    }

    @Override
    public void flush() {
        if (passingFlushes > 0) {
            passingFlushes--;
        } else if (failingFlushes > 0) {
            failingFlushes--;
            pendingTransitions.clear();
            pendingDecisions.clear();
            pendingActions.clear();
            throw failOnFlush;
        }
        transitions.addAll(pendingTransitions);
        decisions.addAll(pendingDecisions);
        actions.addAll(pendingActions);
        pendingTransitions.clear();
        pendingDecisions.clear();
        pendingActions.clear();
    }

    @Override
    public void close() {
    }
}
