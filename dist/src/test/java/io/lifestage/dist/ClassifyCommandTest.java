package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage classify}: events in, a decision per customer out, bad lines set aside, a summary printed. */
class ClassifyCommandTest {

    private static final String AS_OF = "2026-06-01T00:00:00Z";

    @TempDir
    Path dir;

    private Path events(String... lines) throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, List.of(lines));
        return file;
    }

    private static String track(String user, String event, String timestamp) {
        return "{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"" + event + "\",\"timestamp\":\""
                + timestamp + "\",\"properties\":{\"total\":25}}";
    }

    @Test
    void writesOneDecisionPerCustomerAndSetsBadLinesAside() throws IOException {
        Path events = events(
                track("ann", "Order Completed", "2026-05-20T10:00:00Z"),
                "{\"type\":\"page\",\"anonymousId\":\"anon-1\",\"timestamp\":\"2026-05-01T10:00:00.250+02:00\"}",
                "{not json",
                track("bob", "Signed Up", "2026-04-01T10:00:00Z"),
                "{\"type\":\"track\",\"event\":\"Signed Up\",\"timestamp\":\"2026-04-01T10:00:00Z\"}",
                track("cat", "Lead Created", "yesterday"),
                "{\"type\":\"identify\",\"userId\":\"bob\",\"anonymousId\":\"anon-1\","
                        + "\"timestamp\":\"2026-04-01T10:00:00Z\"}");
        Path output = dir.resolve("out/decisions.jsonl");

        Cli.Result result = Cli.run("classify", "--events", events.toString(), "--as-of", AS_OF,
                "--rules", Cli.DEFAULT_PACK.toString(), "--output", output.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<JsonNode> decisions = Files.readAllLines(output).stream().map(Json::parse).toList();
        assertThat(decisions).extracting(d -> d.get("customerId").asText() + ":" + d.get("stage").asText())
                .containsExactly("ann:conversion", "bob:consideration");
        assertThat(decisions.get(0).get("rule").asText()).isEqualTo("conversion-first-purchase");
        assertThat(decisions.get(0).get("reason").asText())
                .isEqualTo("first and only purchase 11 days ago (within 30)");
        assertThat(decisions.get(0).get("asOf").asText()).isEqualTo(AS_OF);
        assertThat(decisions.get(0).get("ruleBaseVersion").asText()).hasSize(12);

        assertThat(result.err())
                .contains("Classified 2 customers as of " + AS_OF)
                .containsPattern("conversion +1 +50\\.0%")
                .containsPattern("churn +0 +0\\.0%")
                .contains("Events read: 4 (0 after the as-of instant, ignored)")
                .contains("Lines rejected: 3 (see " + events + ".rejects.jsonl)");
        List<JsonNode> rejects = Files.readAllLines(Path.of(events + ".rejects.jsonl")).stream()
                .map(Json::parse).toList();
        assertThat(rejects).extracting(r -> r.get("position").asText())
                .containsExactly("line 3", "line 5", "line 6");
        assertThat(rejects.get(1).get("reason").asText()).isEqualTo("no userId or anonymousId");
        assertThat(rejects.get(2).get("reason").asText()).startsWith("bad timestamp 'yesterday'");
    }

    @Test
    void writesCsvWhenAsked() throws IOException {
        Path events = events(track("ann", "Order Completed", "2026-05-20T10:00:00Z"));
        Path output = dir.resolve("decisions.csv");

        Cli.Result result = Cli.run("classify", "--events", events.toString(), "--as-of", AS_OF,
                "--rules", Cli.DEFAULT_PACK.toString(), "--output", output.toString(), "--format", "csv");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readAllLines(output)).hasSize(2)
                .first().isEqualTo("customerId,stage,rule,reason,asOf,ruleBaseVersion");
        assertThat(Files.readAllLines(output).get(1))
                .startsWith("ann,conversion,conversion-first-purchase,"
                        + "first and only purchase 11 days ago (within 30),");
        assertThat(Path.of(events + ".rejects.jsonl")).doesNotExist();
    }

    @Test
    void aBrokenRuleFileStopsTheRunNamingFileAndLine() throws IOException {
        Path pack = Files.createDirectories(dir.resolve("pack"));
        Cli.copyFromDefaultPack(pack, "stages.csv", "stages.drl");
        List<String> rules = Files.readAllLines(pack.resolve("stages.drl"));
        int line = rules.indexOf("rule \"retention-customer\"") + 5;
        assertThat(rules.get(line - 1)).contains("CustomerMetrics( customer )");
        rules.set(line - 1, "    $c : CustomerMetrics( customer ");
        Files.write(pack.resolve("stages.drl"), rules);
        Path events = events(track("ann", "Order Completed", "2026-05-20T10:00:00Z"));

        Cli.Result result = Cli.run("classify", "--events", events.toString(), "--as-of", AS_OF,
                "--rules", pack.toString(), "--output", dir.resolve("out.jsonl").toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("LS-RULE-0001 stages.drl:" + (line + 1) + ": ");
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void aMissingEventsFileIsNamed() {
        Cli.Result result = Cli.run("classify", "--events", dir.resolve("nope.jsonl").toString(),
                "--rules", Cli.DEFAULT_PACK.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("nope.jsonl");
    }

    @Test
    void aBadAsOfIsAUsageError() {
        Cli.Result result = Cli.run("classify", "--events", "x.jsonl", "--as-of", "last tuesday");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'last tuesday' is not an instant");
    }

    @Test
    void aThresholdSetInTheEnvironmentChangesTheDecision() throws Exception {
        Path events = events(track("ann", "Order Completed", "2026-05-20T10:00:00Z"));
        Path before = dir.resolve("before.jsonl");
        Path after = dir.resolve("after.jsonl");
        String[] args = {"classify", "--events", events.toString(), "--as-of", AS_OF,
            "--rules", Cli.DEFAULT_PACK.toString(), "--output"};

        Cli.Result defaults = Cli.runWithEnvironment(Map.of(), concat(args, before.toString()));
        Cli.Result shorter = Cli.runWithEnvironment(Map.of("LIFESTAGE_THRESHOLD_CONVERSION_WINDOW_DAYS", "7"),
                concat(args, after.toString()));

        assertThat(defaults.exitCode()).as(defaults.err()).isZero();
        assertThat(shorter.exitCode()).as(shorter.err()).isZero();
        assertThat(Json.parse(Files.readString(before)).get("stage").asText()).isEqualTo("conversion");
        JsonNode changed = Json.parse(Files.readString(after));
        assertThat(changed.get("stage").asText()).isEqualTo("retention");
        assertThat(changed.get("ruleBaseVersion").asText())
                .isNotEqualTo(Json.parse(Files.readString(before)).get("ruleBaseVersion").asText());
    }

    private static String[] concat(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }
}
