package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.testing.StoreFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code DELETE /v1/customers/{id}} on the embedded H2 store, the customer's email, name, address and id leave
 * every file of the store within the configured delay (plus the compaction), and the store goes on serving everyone
 * else, also when ingests arrive during the compaction.
 */
class ErasureLeavesNoBytesTest {

    private static final String DELAY = "300ms";
    /** The delay, plus time for the compaction of a small store on a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String ERASED = "zq-erase-7731";
    private static final String EMAIL = "zelda.quarrington@erasure-test.example";
    private static final String NAME = "Zelda Quarrington";
    private static final String ADDRESS = "17 Wistful Lane, Nethercombe";
    private static final String KEPT = "kk-keep-5518";
    private static final String KEPT_EMAIL = "kasimir.kettleby@erasure-test.example";

    @TempDir
    Path dir;

    private LifestageServer start() {
        return TestServers.startOnDefaultPack(dir, Map.of("lifestage.host.erasure-compaction-delay", DELAY));
    }

    /** An identify call whose traits are long enough for H2 to keep the body apart from the row, as a LOB. */
    private static String identify(String id, String email, String name, String address) {
        return "{\"type\":\"identify\",\"userId\":\"" + id + "\",\"timestamp\":\"" + Instant.now().minusSeconds(3600)
                + "\",\"traits\":{\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"address\":\"" + address
                + "\",\"notes\":\"" + "prefers parcels left with the neighbour; ".repeat(20) + "\"}}";
    }

    private static String order(String id, String messageId) {
        return "{\"type\":\"track\",\"userId\":\"" + id + "\",\"event\":\"Order Completed\",\"messageId\":\""
                + messageId + "\",\"timestamp\":\"" + Instant.now().minusSeconds(60) + "\",\"properties\":{\"total\":"
                + "42}}";
    }

    @Test
    void anErasedCustomersEmailNameAddressAndIdLeaveEveryFileOfTheStore() throws Exception {
        try (LifestageServer server = start()) {
            Http writer = Http.to(server.port()).bearer(TestServers.WRITER);
            assertThat(writer.post("/v1/identify", identify(ERASED, EMAIL, NAME, ADDRESS)).status()).isEqualTo(200);
            assertThat(writer.post("/v1/track", order(ERASED, "m-erased-1")).status()).isEqualTo(200);
            assertThat(writer.post("/v1/identify", identify(KEPT, KEPT_EMAIL, "Kasimir Kettleby", "2 Mill Row"))
                    .status()).isEqualTo(200);
            assertThat(server.lifestage().awaitEvaluated(Duration.ofSeconds(30))).isTrue();
            assertThat(StoreFiles.holding(dir, EMAIL, NAME, ADDRESS, ERASED)).as("written to the store's files")
                    .isNotEmpty();

            assertThat(writer.delete("/v1/customers/" + ERASED).json().get("erased").asBoolean()).isTrue();

            assertThat(StoreFiles.holdingAfter(BOUND, dir, EMAIL, NAME, ADDRESS, ERASED)).isEmpty();
            assertThat(StoreFiles.holding(dir, KEPT_EMAIL)).as("the other customer's data, still in the file")
                    .isNotEmpty();
            // The file may be replaced a moment before the compaction ends: a client retries a 503, as it says.
            assertThat(retriedWhileBusy(() -> writer.get("/v1/customers/" + KEPT + "/explanation")).status())
                    .isEqualTo(200);
        }
        try (LifestageServer reopened = start()) {
            Http reader = Http.to(reopened.port()).bearer(TestServers.READER);
            assertThat(reader.get("/v1/customers/" + KEPT + "/explanation").status()).isEqualTo(200);
            assertThat(reader.get("/v1/customers/" + ERASED + "/explanation").status()).isEqualTo(404);
        }
    }

    @Test
    void everyIngestAcknowledgedDuringCompactionsIsStoredAndTheStoreStillOpens() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Integer> unexpected = new ArrayList<>();
        try (LifestageServer server = start()) {
            Http writer = Http.to(server.port()).bearer(TestServers.WRITER);
            AtomicBoolean sending = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                int c = client;
                running.add(clients.submit(() -> {
                    for (int n = 0; sending.get(); n++) {
                        String id = "bg-" + c + "-" + n;
                        Http.Answer answer = writer.post("/v1/track", order(id, "m-" + id));
                        if (answer.status() == 200 && answer.json().get("stored").asInt() == 1) {
                            acknowledged.add(id);
                        } else if (answer.status() != 503) {
                            synchronized (unexpected) {
                                unexpected.add(answer.status());
                            }
                        }
                    }
                }));
            }
            for (int round = 0; round < 5; round++) {
                String id = ERASED + "-" + round;
                String body = identify(id, round + EMAIL, NAME, ADDRESS);
                assertThat(retriedWhileBusy(() -> writer.post("/v1/identify", body)).status()).isEqualTo(200);
                Thread.sleep(200);
                Http.Answer erased = retriedWhileBusy(() -> writer.delete("/v1/customers/" + id));
                assertThat(erased.status()).isEqualTo(200);
                assertThat(erased.json().get("erased").asBoolean()).as(id).isTrue();
                Thread.sleep(700);
            }
            assertThat(StoreFiles.holdingAfter(BOUND, dir, EMAIL, ERASED)).isEmpty();
            sending.set(false);
            for (Future<?> client : running) {
                client.get();
            }
            clients.shutdown();
        }

        assertThat(unexpected).isEmpty();
        assertThat(acknowledged).hasSizeGreaterThan(50);
        assertThat(storedCustomersLike("bg-%")).containsAll(acknowledged);
        try (LifestageServer reopened = start()) {
            String last = acknowledged.iterator().next();
            assertThat(Http.to(reopened.port()).bearer(TestServers.READER).get("/v1/customers/" + last
                    + "/explanation").status()).isEqualTo(200);
        }
    }

    /** The answer to a call made again, as a client does, while the store answers 503 for a compaction. */
    private static Http.Answer retriedWhileBusy(Supplier<Http.Answer> call) throws InterruptedException {
        Http.Answer answer = call.get();
        for (int tries = 1; answer.status() == 503 && tries < 20; tries++) {
            Thread.sleep(250);
            answer = call.get();
        }
        return answer;
    }

    private Set<String> storedCustomersLike(String pattern) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("store"), "sa", "");
             var statement = connection.prepareStatement("SELECT DISTINCT customer_id FROM ls_fact_segment WHERE"
                     + " customer_id LIKE ?")) {
            statement.setString(1, pattern);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}
