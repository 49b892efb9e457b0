package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.testing.StoreFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lifestage serve} killed ({@code kill -9}) after an erasure and before the compaction that takes the erased
 * rows out of the H2 file: the next start compacts, so the erased data leaves the store's files all the same. (On a
 * store this small H2 may happen to overwrite the freed space soon after a restart anyway; the note beside the store,
 * which only a compaction removes, shows that the compaction ran.)
 */
class ErasureAfterAKillTest {

    private static final String TOKEN = "writer-token-0123456789";
    private static final String ERASED = "kx-erase-2209";
    private static final String EMAIL = "killian.erasmus@kill-test.example";
    private static final String NAME = "Killian Erasmus";

    @TempDir
    Path dir;

    @Test
    void anErasureNotCompactedBeforeAKillIsCompactedAtTheNextStart() throws Exception {
        Process first = serve("1h", "out.txt");
        try {
            String base = Cli.awaitServing(dir.resolve("out.txt"));
            assertThat(send(base, "v1/identify", "POST", "{\"userId\":\"" + ERASED + "\",\"timestamp\":\""
                    + Instant.now() + "\",\"traits\":{\"email\":\"" + EMAIL + "\",\"name\":\"" + NAME + "\"}}"))
                    .isEqualTo(200);
            assertThat(send(base, "v1/customers/" + ERASED, "DELETE", null)).isEqualTo(200);
            assertThat(StoreFiles.holding(dir, EMAIL)).as("not compacted within the hour's delay").isNotEmpty();
            assertThat(dir.resolve("store.erased")).as("the note that a compaction is due").exists();
        } finally {
            first.destroyForcibly().waitFor();
        }

        Process second = serve("0ms", "out2.txt");
        try {
            String base = Cli.awaitServing(dir.resolve("out2.txt"));

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (Files.exists(dir.resolve("store.erased")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            assertThat(dir.resolve("store.erased")).as("compacted, which removes the note").doesNotExist();
            assertThat(StoreFiles.holding(dir, EMAIL, NAME, ERASED)).isEmpty();
            assertThat(send(base, "v1/stages", "GET", null)).isEqualTo(200);
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    private Process serve(String compactionDelay, String out) throws Exception {
        return Cli.start(Map.of("LIFESTAGE_HOST_ERASURE_COMPACTION_DELAY", compactionDelay), dir.resolve(out),
                dir.resolve("err-" + out), "serve", "--config", Cli.serveConfig(dir, TOKEN).toString(), "--rules",
                Cli.DEFAULT_PACK.toString(), "--port", "0");
    }

    private static int send(String base, String path, String method, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
