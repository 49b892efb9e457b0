package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The server's log in its usual failure paths (a rule that throws, in the evaluator and in a request; a refused key)
 * carries the error code, and never the customer's id or traits, which no erasure could reach there.
 */
class LogsWithoutCustomerDataTest {

    private static final String CUSTOMER = "secret-cust-4410";
    private static final String EMAIL = "hidden.hilda@log-test.example";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void release() {
        root.detachAppender(log);
    }

    @Test
    void aRuleThatThrowsIsLoggedByCodeWithoutTheCustomer() throws Exception {
        try (LifestageServer server = TestServers.startFailingAtThreeOrders(dir)) {
            Http writer = Http.to(server.port()).bearer(TestServers.WRITER);
            String orders = TestServers.threeOrders(CUSTOMER);
            writer.post("/v1/identify", "{\"type\":\"identify\",\"userId\":\"" + CUSTOMER + "\",\"timestamp\":\""
                    + Instant.now().minusSeconds(86_400L * 4) + "\",\"traits\":{\"email\":\"" + EMAIL + "\"}}");
            assertThat(writer.post("/v1/batch", "{\"batch\":" + orders + "}").status()).isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (log.list.stream().noneMatch(event -> event.getLoggerName().endsWith("Evaluator"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            assertThat(writer.post("/v1/classify", "{\"events\":" + orders + "}").status()).isEqualTo(500);
            assertThat(writer.get("/v1/customers/" + CUSTOMER + "/explanation").status()).isEqualTo(500);
            assertThat(Http.to(server.port()).bearer("unknown-token-0123456789").get("/v1/customers/" + CUSTOMER)
                    .status()).isEqualTo(401);
        }

        List<String> lines = log.list.stream().map(LogsWithoutCustomerDataTest::rendered).toList();
        assertThat(String.join("\n", lines)).contains("LS-RULE-0012", "LS-SERVE-0009", "A request failed",
                "Evaluating due customers failed").doesNotContain(CUSTOMER, EMAIL);
    }

    /** A log event as an appender writes it: the message, then the stack trace with every cause's message. */
    private static String rendered(ILoggingEvent event) {
        String line = event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage();
        return event.getThrowableProxy() == null ? line
                : line + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }
}
