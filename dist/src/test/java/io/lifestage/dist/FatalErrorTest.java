package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.testing.TestPack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lifestage serve} after an OutOfMemoryError: the process stops (a supervisor restarts it) instead of staying up
 * with dead threads. The pack's rule throws one for a customer with three orders, as a JVM out of memory would.
 */
class FatalErrorTest {

    private static final String TOKEN = "writer-token-0123456789";

    @TempDir
    Path dir;

    @Test
    void anOutOfMemoryErrorInTheEvaluatorStopsTheProcess() throws Exception {
        assertThreeOrdersStopTheServer("v1/batch", "batch");

        assertThat(Files.readString(dir.resolve("err.txt"))).contains("LS-SERVE-0006", "OutOfMemoryError");
    }

    @Test
    void anOutOfMemoryErrorInARequestStopsTheProcess() throws Exception {
        assertThreeOrdersStopTheServer("v1/classify", "events");
    }

    /** Starts the server, posts the customer's three orders as the array {@code field} to {@code path}: it stops. */
    private void assertThreeOrdersStopTheServer(String path, String field) throws Exception {
        Process server = serve();
        try {
            post(Cli.awaitServing(dir.resolve("out.txt")) + path, "{\"" + field + "\":[" + order() + "," + order()
                    + "," + order() + "]}");

            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the process stopped").isTrue();
            assertThat(server.exitValue()).isNotZero();
        } finally {
            server.destroyForcibly();
        }
    }

    private Process serve() throws Exception {
        Path pack = TestPack.write(dir.resolve("pack"), "visitor,buyer", """
                rule "out of memory" salience 3
                when CustomerMetrics( orders == 3 ) then throw new OutOfMemoryError("Java heap space"); end
                rule "buyer" salience 2 when CustomerMetrics( orders > 0 ) then verdict.assign("buyer", "bought"); end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);
        return Cli.start(Map.of(), dir.resolve("out.txt"), dir.resolve("err.txt"), "serve", "--config",
                Cli.serveConfig(dir, TOKEN).toString(), "--rules", pack.toString(), "--port", "0");
    }

    private static String order() {
        return "{\"type\":\"track\",\"userId\":\"oom\",\"event\":\"Order Completed\",\"timestamp\":\""
                + Instant.now().minusSeconds((long) (Math.random() * 86_400)) + "\",\"properties\":{\"total\":9}}";
    }

    private static void post(String uri, String json) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception stopped) {
            // The server may stop before it answers.
        }
    }
}
