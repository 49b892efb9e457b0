package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        String url = "jdbc:h2:file:" + dir.resolve("store").toString().replace('\\', '/');
        Path config = dir.resolve("lifestage.properties");
        Files.writeString(config, String.join("\n", "lifestage.store.url=" + url, "lifestage.server.host=127.0.0.1",
                "lifestage.server.keys=ingest", "lifestage.server.key.ingest.token=" + TOKEN,
                "lifestage.server.key.ingest.scopes=read,write", "lifestage.host.erasure-salt=test-salt",
                "lifestage.rules.watch=false", ""));
        Path out = dir.resolve("out.txt");
        Process server = Cli.start(Map.of(), out, dir.resolve("err.txt"), "serve", "--config", config.toString(),
                "--rules", Cli.DEFAULT_PACK.toString(), "--port", "0");
        try {
            URI track = URI.create(awaitUri(out) + "v1/track");
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
            assertThat(storedUsers(url)).containsAll(acknowledged);
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

    private static String awaitUri(Path out) throws Exception {
        Pattern serving = Pattern.compile("serving on (http://\\S+/)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher matcher = serving.matcher(Files.readString(out));
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start within 2 minutes: " + Files.readString(out));
    }

    private static Set<String> storedUsers(String url) throws Exception {
        Set<String> users = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             ResultSet rows = connection.createStatement().executeQuery("SELECT user_id FROM ls_fact")) {
            while (rows.next()) {
                users.add(rows.getString(1));
            }
        }
        return users;
    }
}
