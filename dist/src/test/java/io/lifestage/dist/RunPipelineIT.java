package io.lifestage.dist;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lifestage.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lifestage run} end to end, as an operator runs it: a CRM contacts export (CSV) and analytics events (JSON
 * lines) into the embedded stage store, and out to PostgreSQL tables (the jdbc connector: stages, transitions and
 * actions) and a webhook (the http connector) on loopback; run twice, and killed with SIGKILL in the middle and run
 * again.
 */
class RunPipelineIT {

    private static final Path SAMPLE = Path.of("..", "rules", "sample").toAbsolutePath().normalize();

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @RegisterExtension
    static final WireMockExtension webhook = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    @Test
    void movesContactsAndEventsIntoPostgresAndAWebhookAndRunningTwiceWritesNothingTwice() throws Exception {
        webhook.stubFor(post("/hook").willReturn(ok()));
        Path config = config("sample", List.of(
                "lifestage.sources=contacts,events",
                "lifestage.source.contacts.type=file",
                "lifestage.source.contacts.path=" + SAMPLE.resolve("contacts.csv"),
                "lifestage.source.contacts.format=csv",
                "lifestage.source.contacts.kind=profiles",
                "lifestage.source.events.type=file",
                "lifestage.source.events.path=" + SAMPLE.resolve("events.jsonl"),
                "lifestage.sinks=warehouse,hook",
                "lifestage.sink.hook.type=http",
                "lifestage.sink.hook.url=" + webhook.baseUrl() + "/hook",
                "lifestage.sink.hook.signing-secret=s3cret"), "sample");

        Cli.Result first = Cli.run(runArguments(config, "rejects.jsonl"));

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("10,736 facts read, 10,732 new, 2 rejected")
                .contains("contacts                300 read        300 new        0 rejected")
                .contains("evaluated 2,050 customers");
        long transitions = count("sample_transitions");
        long stages = count("sample_decisions");
        long actions = count("sample_actions");
        assertThat(transitions).isEqualTo(storeCount("sample", "ls_transition")).isGreaterThan(5_000);
        assertThat(actions).as("the actions of journeys and transitions the run handed out")
                .isEqualTo(storeCount("sample", "ls_action WHERE NOT held_out")).isPositive();
        assertThat(stages).as("the 2,000 customers of the events and the 50 CRM-only contacts").isEqualTo(2_050);
        assertThat(webhookTransitionIds()).hasSize((int) transitions).doesNotHaveDuplicates();
        List<JsonNode> rejects = Files.readAllLines(dir.resolve("rejects.jsonl")).stream().map(Json::parse)
                .toList();
        assertThat(rejects).hasSize(2).allSatisfy(reject -> {
            assertThat(reject.get("source").asText()).isEqualTo("events");
            assertThat(reject.get("position").asText()).matches(".*events\\.jsonl line 1043[78]");
            assertThat(reject.get("reason").asText()).isNotBlank();
        });
        int requestsAfterFirstRun = webhook.findAll(postRequestedFor(urlPathEqualTo("/hook"))).size();

        Cli.Result second = Cli.run(runArguments(config, "rejects.jsonl"));

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("0 facts read, 0 new, 0 rejected")
                .contains("evaluated 0 customers: 0 changed stage, 0 transitions");
        assertThat(count("sample_transitions")).isEqualTo(transitions);
        assertThat(count("sample_decisions")).isEqualTo(stages);
        assertThat(count("sample_actions")).isEqualTo(actions);
        assertThat(webhook.findAll(postRequestedFor(urlPathEqualTo("/hook")))).hasSize(requestsAfterFirstRun);
    }

    @Test
    void aRunKilledMidwayResumesFromItsPositionsAndTheTablesEndAsIfItHadNeverStopped() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Cli.Result generated = Cli.run("generate", "--customers", "10000", "--seed", "7", "--as-of", "2026-11-01",
                "--output", events.toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        List<String> source = List.of(
                "lifestage.sources=events",
                "lifestage.source.events.type=file",
                "lifestage.source.events.path=" + events,
                "lifestage.sinks=warehouse");
        Path killed = config("killed", source, "killed");
        Path outFile = dir.resolve("killed.out");
        Path errFile = dir.resolve("killed.err");
        String[] run = runArguments(killed, "killed-rejects.jsonl");

        Process process = Cli.start(Map.of(), outFile, errFile, run);
        waitForFirstWrites(process, "killed_transitions", errFile);
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit status of a JVM killed by SIGKILL").isEqualTo(137);
        assertThat(Files.readString(outFile)).as("the killed run never finished").doesNotContain("evaluated");
        long writtenBeforeKill = count("killed_transitions");

        Cli.Result resumed = Cli.run(run);

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).as("positions were committed with the facts: nothing is read twice")
                .contains("0 facts read, 0 new, 0 rejected");
        Cli.Result reference = Cli.run(runArguments(config("reference", source, "reference"),
                "reference-rejects.jsonl"));
        assertThat(reference.exitCode()).as(reference.err()).isZero();
        Set<String> expected = rows("SELECT * FROM reference_transitions");
        assertThat(writtenBeforeKill).isPositive().isLessThan(expected.size());
        assertThat(rows("SELECT * FROM killed_transitions")).isEqualTo(expected);
        assertThat(rows("SELECT * FROM killed_decisions")).isEqualTo(rows("SELECT * FROM reference_decisions"));
        // As JSON values: the text of a payload's maps is not in one key order from one process to the next.
        String actions = "SELECT id, customer_id, action, channel, due_at, cause, payload::jsonb FROM ";
        assertThat(rows(actions + "killed_actions")).isEqualTo(rows(actions + "reference_actions"));
        assertThat(storeCount("killed", "ls_transition")).isEqualTo(expected.size());
    }

    /** {@code lifestage run} with the default rule pack as of 2026-11-01. */
    private String[] runArguments(Path config, String rejects) {
        return new String[] {"run", "--rules", Cli.DEFAULT_PACK.toString(), "--config", config.toString(),
            "--as-of", "2026-11-01", "--rejects", dir.resolve(rejects).toString()};
    }

    /**
     * Writes a configuration: the given lines, a store of its own, and a jdbc sink into tables named
     * {@code prefix_*}.
     */
    private Path config(String name, List<String> lines, String prefix) throws IOException {
        List<String> all = new ArrayList<>(lines);
        all.add("lifestage.store.url=jdbc:h2:file:" + dir.resolve(name + "-store").resolve("store"));
        all.add("lifestage.sink.warehouse.type=jdbc");
        all.add("lifestage.sink.warehouse.url=" + POSTGRES.jdbcUrl());
        all.add("lifestage.sink.warehouse.user=postgres");
        all.add("lifestage.sink.warehouse.decisions-table=" + prefix + "_decisions");
        all.add("lifestage.sink.warehouse.transitions-table=" + prefix + "_transitions");
        all.add("lifestage.sink.warehouse.actions-table=" + prefix + "_actions");
        Path file = dir.resolve(name + ".properties");
        Files.write(file, all);
        return file;
    }

    private void waitForFirstWrites(Process process, String table, Path errFile) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (tableCount(table) == 0) {
            assertThat(process.isAlive()).as("the run still going before its first write; it said: %s",
                    Files.readString(errFile)).isTrue();
            assertThat(Instant.now()).as("time to the run's first write").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private long tableCount(String table) throws SQLException {
        try (Connection connection = POSTGRES.connection(); Statement statement = connection.createStatement();
             ResultSet exists = connection.getMetaData().getTables(null, null, table, null)) {
            return exists.next() ? count(statement, table) : 0;
        }
    }

    private long count(String table) throws SQLException {
        try (Connection connection = POSTGRES.connection(); Statement statement = connection.createStatement()) {
            return count(statement, table);
        }
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every row of the query, each as the text of all its columns. */
    private Set<String> rows(String query) throws SQLException {
        Set<String> rows = new HashSet<>();
        try (Connection connection = POSTGRES.connection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(result.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private long storeCount(String name, String table) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve(name + "-store").resolve("store");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            return count(statement, table);
        }
    }

    private List<String> webhookTransitionIds() {
        List<String> ids = new ArrayList<>();
        for (LoggedRequest request : webhook.findAll(postRequestedFor(urlPathEqualTo("/hook")))) {
            Json.parse(request.getBodyAsString()).path("transitions").forEach(t -> ids.add(t.get("id").asText()));
        }
        return ids;
    }
}
