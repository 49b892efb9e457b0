package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage report}: the KPIs of the store that {@code lifestage run} filled, in every format. */
class ReportCommandTest {

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void configure() throws IOException {
        config = dir.resolve("run.properties");
        Files.writeString(config, String.join("\n",
                "lifestage.rules.dir=" + Cli.DEFAULT_PACK,
                "lifestage.store.url=jdbc:h2:file:" + dir.resolve("store"),
                "lifestage.sources=events",
                "lifestage.source.events.type=file",
                "lifestage.source.events.path=" + Cli.SAMPLE_EVENTS, ""));
    }

    private void runAsOf(String... instants) {
        for (String asOf : instants) {
            Cli.Result run = Cli.run("run", "--config", config.toString(), "--as-of", asOf,
                    "--rejects", dir.resolve("rejects.jsonl").toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }

    @Test
    void reportsTheRunsOfTheStoreAsTextJsonCsvAndHtml() throws IOException {
        runAsOf("2026-09-01", "2026-10-01", "2026-11-01");

        Cli.Result text = Cli.run("report", "--config", config.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        // by default from the first of the month of the sample's earliest move (a sign-up on 2024-10-15), so every move
        // is in it
        assertThat(text.out()).startsWith("Lifecycle report from 2024-10-01T00:00:00Z to 2026-11-01T00:00:00Z")
                .containsPattern("\n2026-11-01T00:00:00Z +\\d+ +\\d+ +\\d+ +\\d+ +\\d+ +\\d+ +\\d+\n")
                .containsPattern("\nLead conversion: of \\d+ customers in consideration during the period, \\d+"
                        + " became customers")
                .contains("\nFunnel\n", "\nRetention: of ", "\nTime in stage", "\nScorecard: each stage's own")
                .containsPattern("\nawareness +visits +\\d+\n")
                .containsPattern("\nloyalty +nps +-?[\\d.]+\n");

        Cli.Result quarters = Cli.run("report", "--config", config.toString(), "--from", "2026-01-01",
                "--every", "quarter");
        assertThat(quarters.exitCode()).as(quarters.err()).isZero();
        assertThat(quarters.out()).contains("\nPeriod over period", "2026-07-01..2026-10-01")
                .containsPattern("\nretention +retention_rate +[\\d.]+% +[\\d.]+% \\([-+][\\d.]+ pt\\)")
                .containsPattern("\n\\(all\\) +revenue +[\\d.]+ +[\\d.]+ \\([-+][\\d.]+\\)");

        Cli.Result json = Cli.run("report", "--config", config.toString(), "--format", "json",
                "--from", "2026-10-01", "--snapshots", "2026-10-01,2026-11-01");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"from\" : \"2026-10-01T00:00:00Z\"", "\"snapshots\" : [",
                "\"transitions\" : {", "\"funnel\" : [");

        Path html = dir.resolve("out").resolve("report.html");
        Cli.Result page = Cli.run("report", "--config", config.toString(), "--format", "html",
                "--output", html.toString(), "--snapshots", "monthly");
        assertThat(page.exitCode()).as(page.err()).isZero();
        assertThat(page.err()).contains("Wrote " + html);
        assertThat(Files.readString(html)).contains("data-chart=\"funnel\"", "data-chart=\"distribution\"",
                "data-chart=\"flow\"").containsPattern("data-at=\"2026-10-01T00:00:00Z\"");

        Cli.Result csv = Cli.run("report", "--config", config.toString(), "--format", "csv");
        assertThat(csv.out()).startsWith("section,from,to,stage,to_stage,measure,value\n");
    }

    @Test
    void theSampleFeedsEveryScorecardMeasureAfterTheReadmesSingleRun() {
        runAsOf("2026-11-01");

        Cli.Result text = Cli.run("report", "--config", config.toString());

        assertThat(text.exitCode()).as(text.err()).isZero();
        String scorecard = text.out().substring(text.out().indexOf("Scorecard: each stage's own"));
        List<String> rows = scorecard.substring(0, scorecard.indexOf("\n\n")).lines().skip(2).toList();
        // nobody is a customer at the start of the default period (the first of the month of the earliest move), so
        // its retention measures are empty by definition; every other measure has data
        Set<String> emptyByDefinition = Set.of("customers_at_start", "retention_rate", "churn_rate");
        assertThat(rows).hasSize(25).allSatisfy(row -> {
            String[] cells = row.trim().split(" +");
            if (!emptyByDefinition.contains(cells[1])) {
                assertThat(cells[2]).as(row).doesNotMatch("-|0|0\\.0+%?");
            }
        });
        assertThat(scorecard).containsPattern("\nloyalty +nps +-21\\.7\n");
    }

    @Test
    void listsWhoIsInAStagePageByPage() {
        runAsOf("2026-11-01");

        Cli.Result first = Cli.run("report", "--config", config.toString(), "--stage", "loyalty", "--limit", "2");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("^\\d+ customers in loyalty at 2026-11-01T00:00:00Z\n")
                .containsPattern("\nu\\d{7} +20\\d\\d-\\d\\d-\\d\\dT[0-9:.]+Z +-\n")
                .containsPattern("\nMore: --after u\\d{7}\n");

        Cli.Result ranked = Cli.run("report", "--config", config.toString(), "--stage", "loyalty", "--limit", "3",
                "--sort", "revenue");
        assertThat(ranked.exitCode()).as(ranked.err()).isZero();
        // customer, entered, exited, days in stage, RFM, tier, orders, revenue, AOV, CLV
        assertThat(ranked.out()).contains("days_in_stage", "lifetime_value").containsPattern("\nu\\d{7}"
                + " +20\\d\\d-[0-9T:.-]+Z +- +[\\d.]+ +\\d{3} +(small|medium|large) +\\d+ +[\\d.]+"
                + " +[\\d.-]+ +[\\d.]+\n")
                .doesNotContain("More: --after").contains("\nMore: --page 2\n");
        Cli.Result byValue = Cli.run("report", "--config", config.toString(), "--stage", "loyalty", "--limit", "2",
                "--sort", "clv", "--page", "2", "--format", "csv");
        assertThat(byValue.exitCode()).as(byValue.err()).isZero();
        List<Double> values = byValue.out().lines().skip(1)
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(',') + 1))).toList();
        assertThat(values).hasSize(2).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(Cli.run("report", "--config", config.toString(), "--stage", "loyalty", "--sort", "value").err())
                .contains("--sort is revenue, clv, rfm, time, not 'value'");
        assertThat(Cli.run("report", "--config", config.toString(), "--stage", "loyalty", "--page", "2").err())
                .contains("--page turns the pages of a list by value: give --sort");
    }

    @Test
    void anEmptyStoreIsAnErrorThatSaysWhatToDo() {
        Cli.Result result = Cli.run("report", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("error: LS-REPORT-0001 the stage store jdbc:h2:file:")
                .contains("holds no runs yet: fill it with `lifestage run`");
    }

    @Test
    void anUnknownStageIsNamed() {
        runAsOf("2026-11-01");

        Cli.Result result = Cli.run("report", "--config", config.toString(), "--stage", "vip");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("LS-REPORT-0002 stage 'vip' is not one of [awareness, consideration,");
    }
}
