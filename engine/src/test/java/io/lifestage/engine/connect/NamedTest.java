package io.lifestage.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine, not the plugin, puts the connector's name in front of a connector's failure, once. */
class NamedTest {

    private static final SettingsContext HOOK = new SettingsContext("hook", Map.of(), rejection -> { });

    @Test
    void namesTheConnectorKeepingRetriabilityAndThePluginsFailureAsTheCause() {
        ConnectorException busy = ConnectorException.retriable("POST https://crm.example.com: HTTP 503");
        Sink sink = startedAroundFailing(busy);

        assertThatThrownBy(() -> sink.writeTransitions(List.of()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isTrue())
                .hasMessage("connector 'hook': POST https://crm.example.com: HTTP 503").hasCause(busy);
    }

    @Test
    void handsActionsToThePluginAndNamesItInTheirFailure() {
        ConnectorException refused = ConnectorException.fatal("table journey_actions is gone");
        Sink sink = startedAroundFailing(refused);

        assertThatThrownBy(() -> sink.writeActions(List.of()))
                .hasMessage("connector 'hook': table journey_actions is gone").hasCause(refused);
    }

    @Test
    void passesEveryCallOfTheSinkInterfaceOnSoThatNoneFallsToItsDoNothingDefault() {
        // A default method left out here would silently do nothing: the actions of every configured sink were lost so.
        Class<?> named = Named.sink(failingWrites(null)).getClass();
        assertThat(Sink.class.getMethods()).allSatisfy(call -> assertThatCode(
                () -> named.getDeclaredMethod(call.getName(), call.getParameterTypes()))
                .as("%s overrides %s", named.getSimpleName(), call).doesNotThrowAnyException());
    }

    @Test
    void keepsThePauseTheConnectorAskedForBeforeARetry() {
        ConnectorException limited = ConnectorException.retriable("HTTP 429").retryAfter(Duration.ofSeconds(10));
        Sink sink = startedAroundFailing(limited);

        assertThatThrownBy(() -> sink.writeTransitions(List.of()))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(10)));
    }

    @Test
    void leavesAMessageThatNamesTheConnectorAlreadyAsItIs() {
        ConnectorException named = ConnectorException.fatal("connector 'hook': HTTP 401");
        Sink sink = startedAroundFailing(named);

        assertThatThrownBy(() -> sink.writeTransitions(List.of())).isSameAs(named);
    }

    /** The named sink of a plugin whose writes throw the failure, started as connector 'hook'. */
    private static Sink startedAroundFailing(ConnectorException failure) {
        Sink sink = Named.sink(failingWrites(failure));
        sink.start(HOOK);
        return sink;
    }

    private static Sink failingWrites(ConnectorException failure) {
        return new Sink() {
            @Override
            public void start(ConnectorContext context) {
            }

            @Override
            public void writeTransitions(List<Transition> transitions) {
                throw failure;
            }

            @Override
            public void writeActions(List<ActionFired> actions) {
                throw failure;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
