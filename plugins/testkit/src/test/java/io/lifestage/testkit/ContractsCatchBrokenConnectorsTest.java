package io.lifestage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The contracts fail for connectors that break them: each broken connector below passes every check except the one
 * its bug breaks. (The nested classes are not run by the build on their own: Surefire skips nested classes.)
 */
class ContractsCatchBrokenConnectorsTest {

    @Test
    void sourceContractCatchesAPositionThatPointsAtTheLastFactReadInsteadOfAfterIt() {
        assertThat(failedChecks(SourceRepeatingAFactOnResume.class))
                .containsExactly("resumesAfterEachBatchWithoutLossOrDuplicate");
    }

    @Test
    void sinkContractCatchesASinkThatStoresOnlyOnClose() {
        assertThat(failedChecks(SinkStoringOnClose.class)).containsExactlyInAnyOrder(
                "holdsEverythingWrittenOnceFlushReturns", "storesARedeliveredBatchOnceWhenIdempotentAndTwiceOtherwise",
                "holdsEveryActionWithItsPayloadOnceFlushReturns",
                "storesARedeliveredActionOnceWhenIdempotentAndTwiceOtherwise");
    }

    @Test
    void sinkContractCatchesASinkThatDropsTheActionsItIsGiven() {
        assertThat(failedChecks(SinkDroppingActions.class)).containsExactlyInAnyOrder(
                "holdsEveryActionWithItsPayloadOnceFlushReturns",
                "storesARedeliveredActionOnceWhenIdempotentAndTwiceOtherwise");
    }

    @Test
    void sinkContractCatchesAnIdempotentSinkThatStoresARedeliveredActionTwice() {
        assertThat(failedChecks(IdempotentSinkDuplicatingActions.class))
                .containsExactly("storesARedeliveredActionOnceWhenIdempotentAndTwiceOtherwise");
    }

    @Test
    void sinkContractSkipsTheActionChecksOfASinkThatDeliversNoActionsInsteadOfPassingThem() {
        assertThat(checks(InMemoryStateSinkContractTest.class, Events::aborted)).containsExactlyInAnyOrder(
                "holdsEveryActionWithItsPayloadOnceFlushReturns",
                "storesARedeliveredActionOnceWhenIdempotentAndTwiceOtherwise");
        assertThat(failedChecks(InMemoryStateSinkContractTest.class)).isEmpty();
    }

    @Test
    void sinkContractCatchesAStateSinkWhoseFieldOnlyMovesForward() {
        assertThat(failedChecks(StateSinkNotClearingBackwardMoves.class))
                .containsExactly("movesACustomerBackToAnEarlierStageWhenItKeepsStages");
    }

    @Test
    void providerContractCatchesASinkDescriptorThatHandsOutOneSharedInstance() {
        assertThat(failedChecks(ProviderSharingOneSink.class)).containsExactly("makesANewInstanceOnEachCall");
    }

    private static List<String> failedChecks(Class<?> contractTest) {
        return checks(contractTest, Events::failed);
    }

    /** The checks of a contract test that ended as {@code outcome} selects: failed, or aborted (skipped). */
    private static List<String> checks(Class<?> contractTest, UnaryOperator<Events> outcome) {
        return outcome.apply(EngineTestKit.engine("junit-jupiter").selectors(selectClass(contractTest)).execute()
                .testEvents()).stream()
                .map(Event::getTestDescriptor)
                .map(test -> ((MethodSource) test.getSource().orElseThrow()).getMethodName())
                .toList();
    }

    /** Reports the index of the last fact read, so a resumed source reads that fact a second time. */
    static class SourceRepeatingAFactOnResume extends InMemorySourceContractTest {

        @Override
        protected ConnectorProvider provider() {
            ConnectorDescriptor<Source> own = memory.source().orElseThrow();
            return new Broken(memory.type(), Optional.of(new ConnectorDescriptor<>(own.keys(),
                    () -> repeatingTheLastFactOnResume(own.newInstance()))), Optional.empty());
        }

        /** The memory source, but its position points at the last fact read. */
        private static Source repeatingTheLastFactOnResume(Source source) {
            return new Source() {
                @Override
                public void start(ConnectorContext context) {
                    source.start(context);
                }

                @Override
                public List<Fact> poll() {
                    return source.poll();
                }

                @Override
                public String position() {
                    String next = source.position();
                    return next.isEmpty() ? next : Integer.toString(Integer.parseInt(next) - 1);
                }

                @Override
                public void close() {
                    source.close();
                }
            };
        }

        @Override
        protected Input prepare(Path dir, List<Fact> facts) {
            memory.append("events", facts);
            return Input.fixed(Map.of("stream", "events", "batch-size", "2"));
        }
    }

    /** Acknowledges on flush but stores only when closed. */
    static class SinkStoringOnClose extends InMemorySinkContractTest {

        @Override
        protected ConnectorProvider provider() {
            return withBugs(memory, Map.of("flush", (sink, arguments) -> {
                // the bug: nothing is stored yet
            }, "close", (sink, arguments) -> {
                try {
                    sink.flush();
                } catch (IllegalStateException notStarted) {
                    // closing an unstarted sink
                }
                sink.close();
            }));
        }
    }

    /** Passes decisions and transitions on, but not actions, as a sink keeping {@code Sink.writeActions}' no-op. */
    static class SinkDroppingActions extends InMemorySinkContractTest {

        @Override
        protected ConnectorProvider provider() {
            return withBugs(memory, Map.of("writeActions", (sink, arguments) -> {
                // the bug: they are lost
            }));
        }
    }

    /**
     * Says it is idempotent, and stores decisions and transitions once however often they are written, as tables keyed
     * by customer and transition id do, but keeps every copy of an action, as a table of actions without a key does.
     */
    static class IdempotentSinkDuplicatingActions extends InMemorySinkContractTest {

        @Override
        protected Stored readBack(Path dir, Map<String, String> settings) {
            String stream = settings.get("stream");
            return Stored.both(memory.decisions(stream).stream().distinct().toList(),
                    memory.transitions(stream).stream().distinct().toList());
        }

        @Override
        protected boolean idempotent() {
            return true;
        }
    }

    /**
     * Writes stages into a field that, like HubSpot's lifecycle stage, ignores a move to an earlier stage unless it is
     * cleared first, and never clears it.
     */
    static class StateSinkNotClearingBackwardMoves extends InMemoryStateSinkContractTest {

        @Override
        protected String kept(String current, Transition transition) {
            String next = super.kept(current, transition);
            return current != null && ORDER.indexOf(next) < ORDER.indexOf(current) ? current : next;
        }
    }

    /** Hands out the same sink on every call, so that two configured sinks would share one output and state. */
    static class ProviderSharingOneSink extends InMemoryProviderContractTest {

        @Override
        protected ConnectorProvider provider() {
            InMemoryConnector memory = new InMemoryConnector();
            ConnectorDescriptor<Sink> own = memory.sink().orElseThrow();
            Sink shared = own.newInstance();
            return new Broken(memory.type(), memory.source(), Optional.of(new ConnectorDescriptor<>(own.keys(),
                    () -> shared)));
        }
    }

    /** What a broken sink does instead of one of the calls of {@link Sink}, given the working sink. */
    @FunctionalInterface
    private interface Bug {
        void call(Sink sink, Object[] arguments);
    }

    /**
     * The memory connector, whose sinks pass every call on to a memory sink but those {@code bugs} names: each of these
     * goes to its bug instead.
     */
    private static ConnectorProvider withBugs(InMemoryConnector memory, Map<String, Bug> bugs) {
        ConnectorDescriptor<Sink> own = memory.sink().orElseThrow();
        return new Broken(memory.type(), Optional.empty(), Optional.of(new ConnectorDescriptor<>(own.keys(), () -> {
            Sink sink = own.newInstance();
            return (Sink) Proxy.newProxyInstance(Sink.class.getClassLoader(), new Class<?>[] {Sink.class},
                    (proxy, method, arguments) -> {
                        Bug bug = bugs.get(method.getName());
                        if (bug != null) {
                            bug.call(sink, arguments);
                            return null;
                        }
                        try {
                            return method.invoke(sink, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        })));
    }

    /** A provider of the memory connector's type and keys, around a broken source or sink. */
    private record Broken(String type, Optional<ConnectorDescriptor<Source>> source,
                          Optional<ConnectorDescriptor<Sink>> sink) implements ConnectorProvider {
    }
}
