package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server started with authentication off on purpose, and with metrics turned off. */
class OpenServerTest {

    @TempDir
    Path dir;

    @Test
    void withAuthNoneEveryCallIsOpenAndMetricsOffIsNotFound() {
        Map<String, String> settings = TestServers.settings(dir, TestServers.defaultPack());
        settings.remove("lifestage.server.keys");
        settings.put("lifestage.server.auth", "none");
        settings.put("lifestage.server.metrics", "off");
        settings.put("lifestage.rules.watch", "false");
        try (LifestageServer server = LifestageServer.start(settings, null)) {
            Http open = Http.to(server.port());

            assertThat(open.get("/v1/stages").status()).isEqualTo(200);
            assertThat(open.post("/v1/events", "{\"type\":\"page\",\"userId\":\"ivo\",\"timestamp\":"
                    + "\"2026-11-01T00:00:00Z\"}").status()).isEqualTo(200);
            assertThat(open.get("/metrics").status()).isEqualTo(404);
            assertThat(open.get("/metrics").json().get("error").asText()).isEqualTo("not_found");
        }
    }
}
