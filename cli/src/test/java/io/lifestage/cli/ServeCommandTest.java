package io.lifestage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.engine.config.RulesSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage serve} is a command of the command line and refuses to serve an open API by mistake. */
class ServeCommandTest {

    private static final Path DEFAULT_PACK = Path.of("..", "rules", "pack").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** A server on a free port of the loopback with two keys, and a store in the test's directory. */
    private java.util.Map<String, String> settings() {
        java.util.Map<String, String> settings = new java.util.HashMap<>();
        settings.put(RulesSettings.DIR, DEFAULT_PACK.toString());
        settings.put("lifestage.store.url", "jdbc:h2:file:" + dir.resolve("store"));
        settings.put("lifestage.server.host", "127.0.0.1");
        settings.put("lifestage.server.port", "0");
        settings.put("lifestage.server.keys", "ingest,dashboard");
        settings.put("lifestage.server.key.ingest.token", "writer-token-0123456789");
        settings.put("lifestage.server.key.ingest.scopes", "read,write");
        settings.put("lifestage.server.key.dashboard.token", "reader-token-0123456789");
        settings.put("lifestage.server.key.dashboard.scopes", "read");
        return settings;
    }

    @Test
    void theCommandLineListsServe() {
        Lifestage.Result result = Lifestage.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("serve", "Serves the HTTP API");
    }

    @Test
    void serveRefusesToStartWithoutAnApiKeyAndSaysHowToSetOneOrTurnAuthOff() throws Exception {
        Path config = dir.resolve("lifestage.properties");
        Files.writeString(config, "lifestage.store.url=jdbc:h2:file:" + dir.resolve("store").toString()
                .replace('\\', '/') + "\n");
        Lifestage.Result result = Lifestage.run("serve", "--config", config.toString(), "--rules",
                DEFAULT_PACK.toString(), "--port", "0");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("LS-SERVE-0001", "lifestage.server.keys",
                "lifestage.server.auth=none");
    }

    @Test
    void aShortTokenOrAnUnknownScopeStopsTheStartNamingTheKey() {
        var settings = settings();
        settings.put("lifestage.server.key.dashboard.token", "short");
        Lifestage.Result result = Lifestage.run("serve", "--rules", DEFAULT_PACK.toString(), "--config",
                write(settings).toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("LS-SERVE-0003 lifestage.server.key.dashboard.token").doesNotContain(
                "short");
    }

    @Test
    void aPortInUseStopsTheStartNamingThePort() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            var settings = settings();
            settings.put("lifestage.server.port", Integer.toString(taken.getLocalPort()));
            Lifestage.Result result = Lifestage.run("serve", "--config", write(settings).toString());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("LS-SERVE-0005 cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private Path write(java.util.Map<String, String> settings) throws java.io.UncheckedIOException {
        StringBuilder text = new StringBuilder();
        settings.forEach((key, value) -> text.append(key).append('=').append(value.replace('\\', '/')).append('\n'));
        Path file = dir.resolve("server.properties");
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }
}
