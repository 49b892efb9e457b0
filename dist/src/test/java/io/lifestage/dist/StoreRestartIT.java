package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.server.LifestageServer;
import io.lifestage.testing.PostgresCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code lifestage serve} on PostgreSQL while the database server restarts: 503 meanwhile, then served again. */
class StoreRestartIT {

    private static final String TOKEN = "writer-token-0123456789";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void whileTheDatabaseIsDownCallsAre503WithRetryAfterReadinessIsDownAndOneLineIsLoggedThenCallsWorkAgain()
            throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger lifestageLogs = (Logger) LoggerFactory.getLogger("io.lifestage");
        logged.start();
        lifestageLogs.addAppender(logged);
        try (PostgresCluster postgres = PostgresCluster.start();
             LifestageServer server = LifestageServer.start(Map.of("lifestage.store.url", postgres.url(),
                     "lifestage.store.user", "postgres", RulesSettings.DIR, Cli.DEFAULT_PACK.toString(),
                     "lifestage.rules.watch", "false", "lifestage.server.host", "127.0.0.1",
                     "lifestage.server.port", "0", "lifestage.server.keys", "ingest",
                     "lifestage.server.key.ingest.token", TOKEN, "lifestage.server.key.ingest.scopes", "read,write",
                     "lifestage.host.erasure-salt", "test-salt"), null)) {
            assertThat(ingest(server, "before").statusCode()).isEqualTo(200);

            postgres.stopServer();
            List<HttpResponse<String>> ingests = new ArrayList<>();
            List<HttpResponse<String>> reads = new ArrayList<>();
            List<HttpResponse<String>> readiness = new ArrayList<>();
            List<HttpResponse<String>> liveness = new ArrayList<>();
            long up = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (int i = 0; System.nanoTime() < up; i++) {
                ingests.add(ingest(server, "during-" + i));
                reads.add(get(server, "/v1/customers/during-" + i));
                readiness.add(get(server, "/health/ready"));
                liveness.add(get(server, "/health/live"));
                Thread.sleep(200);
            }
            postgres.startServer();

            assertThat(ingests).hasSizeGreaterThan(10).allSatisfy(answer -> {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(answer.body()).contains("store_unavailable");
            });
            assertThat(reads).extracting(HttpResponse::statusCode).containsOnly(503);
            assertThat(readiness).extracting(HttpResponse::statusCode).containsOnly(503);
            assertThat(liveness).extracting(HttpResponse::statusCode).containsOnly(200);
            assertThat(ingest(server, "after").statusCode()).isEqualTo(200);
            assertThat(get(server, "/v1/stages").statusCode()).isEqualTo(200);
            assertThat(logged.list).filteredOn(event -> event.getFormattedMessage().startsWith("LS-SERVE-0007"))
                    .hasSize(1);
            assertThat(logged.list).hasSizeLessThanOrEqualTo(4).allSatisfy(event -> {
                assertThat(event.getFormattedMessage()).doesNotContain("during-");
                assertThat(event.getThrowableProxy()).isNull();
            });
        } finally {
            lifestageLogs.detachAppender(logged);
        }
    }

    private HttpResponse<String> ingest(LifestageServer server, String user) throws Exception {
        return client.send(request(server, "/v1/track").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + user + "\",\"event\":\"Signed Up\","
                        + "\"timestamp\":\"" + Instant.now() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(LifestageServer server, String path) throws Exception {
        return client.send(request(server, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(LifestageServer server, String path) {
        return HttpRequest.newBuilder(URI.create(server.uri() + path.substring(1)))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10));
    }
}
