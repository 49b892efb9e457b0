package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage serve} on the default H2 file store: a call answered 200 survives a {@code kill -9}. */
class KilledServerTest {

    private static final String TOKEN = "writer-token-0123456789";
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    @Test
    void everyCallAnsweredBeforeAKillIsInTheStoreAfterIt() throws Exception {
        Path out = dir.resolve("out.txt");
        Process server = Cli.start(Map.of(), out, dir.resolve("err.txt"), "serve", "--config",
                Cli.serveConfig(dir, TOKEN).toString(), "--rules", Cli.DEFAULT_PACK.toString(), "--port", "0");
        try {
            URI track = URI.create(Cli.awaitServing(out) + "v1/track");
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<Thread> clients = IntStream.range(0, CLIENTS).mapToObj(client -> new Thread(() ->
                    send(track, "client" + client, acknowledged))).toList();
            clients.forEach(Thread::start);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 500 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            server.destroyForcibly().waitFor();
            for (Thread client : clients) {
                client.join();
            }

            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(500);
            assertThat(Cli.storedCustomers(dir)).containsAll(acknowledged);
        } finally {
            server.destroyForcibly();
        }
    }

    /** Sends calls one at a time until the server stops answering, noting each user whose call was answered 200. */
    private static void send(URI track, String client, Set<String> acknowledged) {
        HttpClient http = HttpClient.newHttpClient();
        for (int n = 0; ; n++) {
            String user = client + "-" + n;
            HttpRequest request = HttpRequest.newBuilder(track).header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + user + "\",\"event\":\"Order"
                            + " Completed\",\"timestamp\":\"" + Instant.now() + "\",\"properties\":{\"total\":9}}"))
                    .build();
            try {
                if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    acknowledged.add(user);
                }
            } catch (Exception killed) {
                return;
            }
        }
    }
}
