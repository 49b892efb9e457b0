package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip with real third-party clients: Segment's own Node library ({@code @segment/analytics-node}) and
 * RudderStack's Node SDK ({@code @rudderstack/rudder-sdk-node}, which gzips its requests), both pinned in
 * {@code src/test/node/package-lock.json}, send a journey to the server with their write key, and the customer gets
 * the stage the rules give. Skipped only when node is not installed.
 */
class SegmentClientTest {

    private static final Path CLIENT = Path.of("src", "test", "node").toAbsolutePath();
    /** Where the node and npm runs write, for when one fails. */
    private static final Path LOG = Path.of("target", "segment-client.log").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void eventsSentWithSegmentsNodeLibraryGiveTheCustomerTheirStage() throws Exception {
        journeyGivesTheCustomerTheirStage("send.mjs", "seg-user-1");
    }

    @Test
    void eventsSentGzippedWithRudderStacksNodeSdkGiveTheCustomerTheirStage() throws Exception {
        journeyGivesTheCustomerTheirStage("send-rudderstack.mjs", "rudder-user-1");
    }

    private void journeyGivesTheCustomerTheirStage(String script, String user) throws Exception {
        assumeTrue(run(List.of("node", "--version"), 30) == 0,
                "node is not installed: the client round trips need node 20 or newer");
        if (!Files.isDirectory(CLIENT.resolve("node_modules/@segment/analytics-node"))
                || !Files.isDirectory(CLIENT.resolve("node_modules/@rudderstack/rudder-sdk-node"))) {
            assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300)).as("npm ci (output in %s)", LOG)
                    .isZero();
        }
        try (LifestageServer server = LifestageServer.start(TestServers.settings(dir, TestServers.defaultPack()),
                null)) {
            int code = run(List.of("node", script, "http://127.0.0.1:" + server.port(), TestServers.WRITER, user),
                    120);

            assertThat(code).as("node %s (output in %s)", script, LOG).isZero();
            assertThat(server.lifestage().awaitEvaluated(Duration.ofSeconds(30))).isTrue();
            assertThat(server.lifestage().stage(user)).hasValueSatisfying(stage -> {
                assertThat(stage.stage()).isEqualTo("conversion");
                assertThat(stage.rule()).isEqualTo("conversion-first-purchase");
            });
            assertThat(server.lifestage().history(user)).extracting(t -> t.from() + "->" + t.to())
                    .containsExactly("null->awareness", "awareness->conversion");
            assertThat(server.lifestage().stage("anon-" + user)).isEmpty();
        }
    }

    private static int run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process;
        try {
            // Not inheritIO(): a child writing to this JVM's standard streams corrupts surefire's channel.
            process = new ProcessBuilder(command).directory(CLIENT.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile())).start();
        } catch (IOException e) {
            return -1;
        }
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -2;
        }
        return process.exitValue();
    }
}
