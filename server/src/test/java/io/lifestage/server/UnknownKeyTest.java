package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Calls with a key the server does not know: refused, and logged for the operator without the key or the customer. */
class UnknownKeyTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownKeyIsLoggedOnceAPeriodWithoutTheKeyOrTheCustomer() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger access = (Logger) LoggerFactory.getLogger(AccessFilter.class);
        logged.start();
        access.addAppender(logged);
        try (LifestageServer server = TestServers.startOnDefaultPack(dir, Map.of())) {
            Http guesser = Http.to(server.port()).bearer("guessed-key-0000000000");

            assertThat(guesser.get("/v1/customers/uma-77").status()).isEqualTo(401);
            assertThat(guesser.get("/v1/customers/uma-78").status()).isEqualTo(401);
        } finally {
            access.detachAppender(logged);
        }

        assertThat(logged.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .contains("LS-SERVE-0009", "GET /v1/customers").doesNotContain("guessed", "uma-7"));
    }
}
