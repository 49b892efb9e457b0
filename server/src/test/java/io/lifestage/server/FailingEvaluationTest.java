package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule that fails for one stored customer makes every evaluation fail: readiness says so, without the customer. */
class FailingEvaluationTest {

    @TempDir
    Path dir;

    @Test
    void readinessIsDownWithTheErrorCodeWhileEvaluationsKeepFailing() throws Exception {
        Path pack = Files.createDirectories(dir.resolve("pack"));
        Files.writeString(pack.resolve("stages.csv"), "name,label,description\nvisitor,,\nbuyer,,\n");
        Files.writeString(pack.resolve("rules.drl"), """
                package test;
                import io.lifestage.api.rules.CustomerMetrics;
                global io.lifestage.api.rules.Verdict verdict;
                rule "fails at three orders" salience 3
                when CustomerMetrics( orders == 3 ) then throw new IllegalStateException("three"); end
                rule "buyer" salience 2 when CustomerMetrics( orders > 0 ) then verdict.assign("buyer", "bought"); end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);
        Map<String, String> settings = TestServers.settings(dir, pack);
        settings.put("lifestage.rules.watch", "false");
        try (LifestageServer server = LifestageServer.start(settings, null)) {
            Http writer = Http.to(server.port()).bearer(TestServers.WRITER);
            StringBuilder batch = new StringBuilder("{\"batch\":[");
            for (int day = 1; day <= 3; day++) {
                batch.append(day > 1 ? "," : "").append("{\"type\":\"track\",\"userId\":\"tri-3\",\"event\":")
                        .append("\"Order Completed\",\"timestamp\":\"")
                        .append(Instant.now().minusSeconds(86_400L * day)).append("\"}");
            }
            assertThat(writer.post("/v1/batch", batch.append("]}").toString()).status()).isEqualTo(200);

            Http.Answer ready = Http.to(server.port()).get("/health/ready");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (ready.status() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                ready = Http.to(server.port()).get("/health/ready");
            }

            assertThat(ready.status()).isEqualTo(503);
            JsonNode evaluator = ready.json().get("checks").get(2);
            assertThat(evaluator.get("name").asText()).isEqualTo("evaluator");
            assertThat(evaluator.get("data").get("error").asText()).isEqualTo("LS-RULE-0012");
            assertThat(ready.body()).doesNotContain("tri-3");
        }
    }
}
