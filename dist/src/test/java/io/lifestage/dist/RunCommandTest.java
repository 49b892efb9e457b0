package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage run} on the embedded H2 store, as a new user runs it. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void laterRunsKeepUsingTheStoreAFirstRunLeft() throws IOException {
        Path config = sampleRun();

        Cli.Result first = run(config, "2026-10-01");
        Cli.Result later = run(config, "2026-11-01");

        assertThat(first.out()).contains("seconds per phase: read ").doesNotContain("store compacted");
        assertThat(later.out()).contains("0 facts read, 0 new").doesNotContain("store compacted")
                .containsPattern("evaluated [1-9][0-9,]* customers");
    }

    @Test
    void theSummaryCountsWhatEachSinkRejected() throws IOException {
        HttpServer refusing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        refusing.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "{\"error\":\"unknown contact\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(422, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        refusing.start();
        try {
            Path config = sampleRun("lifestage.sinks=crm",
                    "lifestage.sink.crm.type=http",
                    "lifestage.sink.crm.url=http://127.0.0.1:" + refusing.getAddress().getPort() + "/contacts");

            Cli.Result run = run(config, "2026-11-01");

            long rejectedByTheSink = Files.readAllLines(dir.resolve("rejects.jsonl")).stream()
                    .filter(line -> line.startsWith("{\"source\":\"crm\"")).count();
            assertThat(rejectedByTheSink).isPositive();
            assertThat(run.out()).contains("actions to 1 sink(s)\n    crm              "
                    + String.format("%,8d", rejectedByTheSink) + " rejected (see " + dir.resolve("rejects.jsonl"));
        } finally {
            refusing.stop(0);
        }
    }

    @Test
    void theLogLevelOptionShowsTheEnginesAndTheConnectorsLogOnStandardError() throws Exception {
        Path config = sampleRun();
        String[] run = {"run", "--config", config.toString(), "--as-of", "2026-11-01", "--rejects",
            dir.resolve("rejects.jsonl").toString()};

        Cli.Result quiet = Cli.runWithEnvironment(Map.of(), run);
        Cli.Result told = Cli.runWithEnvironment(Map.of(), concat(new String[] {"--log-level", "info"}, run));

        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.err()).doesNotContain(" INFO ");
        assertThat(told.exitCode()).as(told.err()).isZero();
        assertThat(told.err()).contains("INFO  i.l.engine.connect.ConnectorPlan - Configured source 'events' (file");
    }

    private static String[] concat(String[] first, String[] second) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(second)).toArray(String[]::new);
    }

    /** The configuration of a run of the sample events into a store in {@code dir}, with these lines added. */
    private Path sampleRun(String... more) throws IOException {
        List<String> lines = new ArrayList<>(List.of("lifestage.rules.dir=" + Cli.DEFAULT_PACK,
                "lifestage.store.url=jdbc:h2:file:" + dir.resolve("store"), "lifestage.sources=events",
                "lifestage.source.events.type=file", "lifestage.source.events.path=" + Cli.SAMPLE_EVENTS));
        lines.addAll(List.of(more));
        return Files.writeString(dir.resolve("run.properties"), String.join("\n", lines) + "\n");
    }

    private Cli.Result run(Path config, String asOf) {
        Cli.Result run = Cli.run("run", "--config", config.toString(), "--as-of", asOf,
                "--rejects", dir.resolve("rejects.jsonl").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }
}
