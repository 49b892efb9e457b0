package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule that fails for one stored customer makes every evaluation fail: readiness says so, without the customer. */
class FailingEvaluationTest {

    @TempDir
    Path dir;

    @Test
    void readinessIsDownWithTheErrorCodeWhileEvaluationsKeepFailing() throws Exception {
        try (LifestageServer server = TestServers.startFailingAtThreeOrders(dir)) {
            Http writer = Http.to(server.port()).bearer(TestServers.WRITER);
            assertThat(writer.post("/v1/batch", "{\"batch\":" + TestServers.threeOrders("tri-3") + "}").status())
                    .isEqualTo(200);

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
