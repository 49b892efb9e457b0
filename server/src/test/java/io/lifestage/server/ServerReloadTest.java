package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifestage.testing.TestPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule pack reloads while the server serves: a good change is taken, a broken one refused and reported. */
class ServerReloadTest {

    @TempDir
    Path dir;

    private Path pack;
    private LifestageServer server;
    private Http reader;

    @BeforeEach
    void start() throws IOException {
        pack = TestPack.copy(TestServers.defaultPack(), dir.resolve("pack"));
        server = LifestageServer.start(TestServers.settings(dir, pack), null);
        reader = Http.to(server.port()).bearer(TestServers.READER);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aChangedPackIsServedWithoutRestartAndABrokenOneIsRefusedWhileTheLastGoodKeepsServing() throws Exception {
        String before = reader.get("/v1/rules").json().get("version").asText();
        Path drl = pack.resolve("stages.drl");
        String rules = Files.readString(drl);

        Files.writeString(drl, rules.replace("$c.daysSinceLastActivity() + \" days ago\");",
                "$c.daysSinceLastActivity() + \" days ago (v2)\");"));
        JsonNode changed = awaitRules(r -> !r.get("version").asText().equals(before));
        String classify = "{\"asOf\":\"2026-11-01\",\"events\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":"
                + "\"Order Completed\",\"timestamp\":\"2026-01-10T00:00:00Z\"},{\"type\":\"track\",\"userId\":\"u\","
                + "\"event\":\"Order Completed\",\"timestamp\":\"2026-09-10T00:00:00Z\"}]}";
        JsonNode decision = reader.post("/v1/classify", classify).json().get("decisions").get(0);

        Files.writeString(drl, rules + "\nrule \"broken\" when then nonsense( end\n");
        JsonNode refused = awaitRules(r -> !r.get("lastReloadError").isNull());

        assertThat(changed.get("lastReloadError").isNull()).isTrue();
        assertThat(decision.get("reason").asText()).endsWith("(v2)");
        assertThat(decision.get("ruleBaseVersion").asText()).isEqualTo(changed.get("version").asText());
        assertThat(refused.get("version").asText()).isEqualTo(changed.get("version").asText());
        assertThat(refused.get("lastReloadError").asText()).contains("stages.drl");
        assertThat(reader.post("/v1/classify", classify).status()).isEqualTo(200);
    }

    @Test
    void aPackWhoseRulesFailForEveryCustomerIsRefusedAndTheLastGoodOneKeepsServing() throws Exception {
        String before = reader.get("/v1/rules").json().get("version").asText();
        Path drl = pack.resolve("stages.drl");

        Files.writeString(drl, Files.readString(drl) + "\nrule \"always fails\" salience 1000\n"
                + "when io.lifestage.api.rules.CustomerMetrics( )\n"
                + "then throw new IllegalStateException(\"boom\"); end\n");
        JsonNode refused = awaitRules(r -> !r.get("lastReloadError").isNull());

        assertThat(refused.get("version").asText()).isEqualTo(before);
        assertThat(refused.get("lastReloadError").asText()).contains("LS-RULE-0012", "always fails", "boom");
        assertThat(reader.post("/v1/classify", "{\"events\":[{\"type\":\"page\",\"userId\":\"u\","
                + "\"timestamp\":\"2026-09-10T00:00:00Z\"}]}").status()).isEqualTo(200);
    }

    /** Asks /v1/rules until it satisfies the condition; the watcher reloads within a second or so. */
    private JsonNode awaitRules(Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode rules = reader.get("/v1/rules").json();
        while (!condition.test(rules) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            rules = reader.get("/v1/rules").json();
        }
        assertThat(condition).as("rules never became as expected: " + rules).accepts(rules);
        return rules;
    }
}
