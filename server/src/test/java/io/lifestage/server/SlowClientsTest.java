package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that send their requests slowly, on purpose or not, neither stop the server nor hold it forever. */
class SlowClientsTest {

    private static final int ATTACKERS = 16;

    @TempDir
    Path dir;

    @Test
    void healthAndGoodClientsAreAnsweredWhileSixteenConnectionsTrickleTheirHeaders() throws Exception {
        try (LifestageServer server = TestServers.startOnDefaultPack(dir, Map.of());
             RawConnections slow = new RawConnections(server)) {
            for (int i = 0; i < ATTACKERS; i++) {
                slow.open().getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
            }
            Thread trickle = new Thread(() -> trickle(slow.all()));
            trickle.setDaemon(true);
            trickle.start();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

            for (int i = 0; i < 5; i++) {
                assertThat(send(client, HttpRequest.newBuilder(server.uri().resolve("/health/live")).GET()))
                        .isEqualTo(200);
                assertThat(send(client, HttpRequest.newBuilder(server.uri().resolve("/v1/track"))
                        .header("Authorization", "Bearer " + TestServers.WRITER)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"good\",\"event\":\"Signed Up\","
                                + "\"timestamp\":\"" + Instant.now() + "\"}")))).isEqualTo(200);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (Socket socket : slow.all()) {
                assertThat(closedByServer(socket, deadline)).as("a slow request is closed after the read timeout")
                        .isTrue();
            }
        }
    }

    @Test
    void aClientWithTooManyRequestsInProgressIsAnswered429WithRetryAfter() throws Exception {
        try (LifestageServer server = TestServers.startOnDefaultPack(dir,
                Map.of("lifestage.server.max-requests-per-client", "2"));
             RawConnections waiting = new RawConnections(server)) {
            for (int i = 0; i < 2; i++) {
                // Headers complete, body never sent: the request is in progress until the read timeout.
                waiting.open().getOutputStream().write(("POST /v1/track HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + TestServers.WRITER + "\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            }
            Thread.sleep(500);
            HttpResponse<String> third = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.uri().resolve("/health/live")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
            assertThat(Json.MAPPER.readTree(third.body()).get("error").asText()).isEqualTo("too_many_requests");
        }
    }

    private static int send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** One byte per connection every second, as a slow-header attack sends them. */
    private static void trickle(List<Socket> sockets) {
        while (true) {
            for (Socket socket : sockets) {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write('x');
                    out.flush();
                } catch (IOException closed) {
                    // closed by the server: what the test waits for
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean closedByServer(Socket socket, long deadline) {
        try {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            socket.setSoTimeout((int) Math.max(1, left));
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // an error answer before closing is fine
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
