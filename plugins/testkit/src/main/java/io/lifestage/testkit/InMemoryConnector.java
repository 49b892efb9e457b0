package io.lifestage.testkit;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code memory} connector, for tests of anything that drives connectors: its sources read the facts a test
 * {@link #append appended} to a named stream, its sinks keep the decisions, transitions and actions they
 * {@link Sink#flush() flushed} per stream.
 * A source's position is the index of the next fact of its stream; a stream can grow while a source reads it. Its
 * sink stores every delivery (it is not idempotent) and forgets what was written but not flushed, as a crash would.
 *
 * <pre>{@code
 * InMemoryConnector memory = new InMemoryConnector().append("web", events);
 * // configure lifestage.source.web.type=memory, lifestage.source.web.stream=web, hand memory to the engine
 * assertThat(memory.decisions("out")).extracting(Decision::stage).containsOnly("loyalty");
 * }</pre>
 *
 * <p>It is deliberately not listed in {@code META-INF/services}: the service loader would make a provider of its
 * own, holding none of the test's facts, and the type would appear on every class path the test kit is on. Tests
 * create an instance and hand it to the code under test.
 *
 * <p>Thread-safe: a test may append while a source polls on another thread.
 */
public final class InMemoryConnector implements ConnectorProvider {

    static final ConfigKey SOURCE_STREAM = ConfigKey.required("stream", ConfigKey.Type.STRING,
            "The stream of facts to read.");
    static final ConfigKey BATCH_SIZE = ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "100",
            "Most facts returned per poll.").between(1, Integer.MAX_VALUE);
    static final ConfigKey SINK_STREAM = ConfigKey.required("stream", ConfigKey.Type.STRING,
            "The stream to store results in.");

    private final Map<String, List<Fact>> facts = new HashMap<>();
    private final Map<String, List<Decision>> decisions = new HashMap<>();
    private final Map<String, List<Transition>> transitions = new HashMap<>();
    private final Map<String, List<ActionFired>> actions = new HashMap<>();

    /** A connector whose streams are all empty; a source refuses to start on a stream nothing was appended to. */
    public InMemoryConnector() {
    }

    /** Adds facts at the end of a stream, creating it (an empty list creates an empty stream). */
    public synchronized InMemoryConnector append(String stream, List<? extends Fact> more) {
        facts.computeIfAbsent(stream, name -> new ArrayList<>()).addAll(more);
        return this;
    }

    /** Adds facts at the end of a stream, creating it. */
    public InMemoryConnector append(String stream, Fact... more) {
        return append(stream, List.of(more));
    }

    /** The decisions sinks flushed to a stream, in delivery order, redeliveries included. */
    public synchronized List<Decision> decisions(String stream) {
        return List.copyOf(decisions.getOrDefault(stream, List.of()));
    }

    /** The transitions sinks flushed to a stream, in delivery order, redeliveries included. */
    public synchronized List<Transition> transitions(String stream) {
        return List.copyOf(transitions.getOrDefault(stream, List.of()));
    }

    /** The actions sinks flushed to a stream, in delivery order, redeliveries included. */
    public synchronized List<ActionFired> actions(String stream) {
        return List.copyOf(actions.getOrDefault(stream, List.of()));
    }

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<>(List.of(SOURCE_STREAM, BATCH_SIZE),
                () -> new InMemorySource(this)));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<>(List.of(SINK_STREAM), () -> new InMemorySink(this)));
    }

    synchronized Set<String> streams() {
        return new TreeSet<>(facts.keySet());
    }

    /** The number of facts in a stream, or -1 when there is no such stream. */
    synchronized int size(String stream) {
        List<Fact> list = facts.get(stream);
        return list == null ? -1 : list.size();
    }

    synchronized List<Fact> read(String stream, int from, int max) {
        List<Fact> list = facts.get(stream);
        return List.copyOf(list.subList(from, Math.min(list.size(), from + max)));
    }

    synchronized void store(String stream, List<Decision> moreDecisions, List<Transition> moreTransitions,
                            List<ActionFired> moreActions) {
        decisions.computeIfAbsent(stream, name -> new ArrayList<>()).addAll(moreDecisions);
        transitions.computeIfAbsent(stream, name -> new ArrayList<>()).addAll(moreTransitions);
        actions.computeIfAbsent(stream, name -> new ArrayList<>()).addAll(moreActions);
    }
}
