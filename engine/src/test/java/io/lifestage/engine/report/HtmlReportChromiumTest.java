package io.lifestage.engine.report;

import static io.lifestage.engine.report.StoreHistory.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report's charts really draw: headless Chromium (Debian's {@code chromium}, installed by .ci/run) loads the
 * page, its inline script counts the chart marks with a non-empty box, and the dumped DOM must hold as many as the
 * report has funnel steps, stacked segments and matrix cells.
 */
class HtmlReportChromiumTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void everyChartElementDrawsInHeadlessChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install -y chromium)");
        LifecycleReport report;
        LifecycleReport periods;
        try (StageStore store = TestStores.open("jdbc:h2:mem:html-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
            new StoreHistory(store)
                    .move("a", null, "awareness", 0).move("a", "awareness", "consideration", 5)
                    .move("b", null, "awareness", 0).move("b", "awareness", "conversion", 12)
                    .move("c", null, "conversion", 0).move("c", "conversion", "churn", 20)
                    .event("a", "Page Viewed", 3, 0).event("a", "Page Viewed", 33, 0)
                    .event("b", "Order Completed", 12, 0, "total", 40).event("b", "Order Completed", 35, 0, "total", 60)
                    .event("c", "Survey Answered", 36, 0, "score", 10)
                    .save(40, 0, 10, 20, 30);
            Reports reports = new Reports(store, new ReportStages(
                    List.of("awareness", "consideration", "conversion", "churn"), "conversion", "churn"));
            report = reports.report(day(0), day(30), reports.runInstants().subList(0, 4), Period.ofMonths(1));
            periods = reports.report(day(0), day(40), List.of(), Period.ofMonths(1));
        }
        Path page = dir.resolve("report.html");
        Files.writeString(page, ReportFormatTest.render(ReportFormat.HTML, report));
        Path compared = dir.resolve("periods.html");
        Files.writeString(compared, ReportFormatTest.render(ReportFormat.HTML, periods));

        String dom = dumpDom(page);
        String periodsDom = dumpDom(compared);

        Matcher check = Pattern.compile("<div id=\"chart-check\"([^>]*)>").matcher(dom);
        assertThat(check.find()).as("the page's check ran: %s", dom).isTrue();
        // funnel: awareness, consideration, conversion reached; 4 snapshots of 2, 3, 3 and 3 stages; 3 matrix cells
        assertThat(check.group(1)).contains("data-funnel=\"3\"", "data-distribution=\"11\"",
                "data-flow=\"" + report.transitions().cells().size() + "\"");
        assertThat(report.transitions().cells()).hasSize(3);
        // one scorecard row per measure; January to day 30 is the report's only period, so no change is shown
        assertThat(check.group(1)).contains("data-scorecard=\"" + report.scorecard().size() + "\"",
                "data-deltas=\"0\"");
        assertThat(report.scorecard()).hasSize(25);

        Matcher deltas = Pattern.compile("<div id=\"chart-check\"([^>]*)>").matcher(periodsDom);
        assertThat(deltas.find()).as("the page's check ran: %s", periodsDom).isTrue();
        // January, then February to day 40: every measure with a value in both months shows its change
        long changes = periods.periods().get(1).kpis().stream().filter(kpi -> kpi.change() != null).count();
        assertThat(changes).isGreaterThanOrEqualTo(5);
        assertThat(deltas.group(1)).contains("data-deltas=\"" + changes + "\"");
        assertThat(periodsDom).contains("<h2>Period over period</h2>");
    }

    @Test
    void aBreakdownDrawsEachGroupsStageMixInHeadlessChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install -y chromium)");
        ReportStages stages = new ReportStages(List.of("awareness", "conversion", "churn"), "conversion", "churn");
        AttributeBreakdown breakdown = new AttributeBreakdown("channel", day(0), day(30), stages, List.of(
                group("ads", AttributeBreakdown.Kind.VALUE, 3, 1, 0),
                group(null, AttributeBreakdown.Kind.OTHER, 0, 2, 2),
                group(null, AttributeBreakdown.Kind.NONE, 0, 0, 0)));
        Path page = dir.resolve("breakdown.html");
        StringWriter html = new StringWriter();
        ReportFormat.HTML.write(breakdown, html);
        Files.writeString(page, html.toString());

        Matcher check = Pattern.compile("<div id=\"chart-check\"([^>]*)>").matcher(dumpDom(page));
        assertThat(check.find()).as("the page's check ran").isTrue();
        // ads: awareness and conversion; the other values: conversion and churn; no value: nobody, so no bar
        assertThat(check.group(1)).contains("data-groups=\"4\"");
        assertThat(html.toString()).contains("data-group=\"(other)\" data-stage=\"churn\"",
                "<title>ads awareness: 3 (75.0%)</title>", "<h2>Measures</h2>");
    }

    private static AttributeBreakdown.Group group(String value, AttributeBreakdown.Kind kind, long awareness,
                                                  long conversion, long churn) {
        long total = awareness + conversion + churn;
        return new AttributeBreakdown.Group(value, kind, total, new StageCounts(day(30), total,
                Map.of("awareness", awareness, "conversion", conversion, "churn", churn)), List.of());
    }

    private int dumps;

    private String dumpDom(Path page) throws IOException, InterruptedException {
        dumps++;
        Path profile = Files.createDirectories(dir.resolve("profile" + dumps));
        Path out = dir.resolve("dom" + dumps + ".html");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString())
                .redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.log").toFile()).start();
        if (!chromium.waitFor(2, TimeUnit.MINUTES)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish within 2 minutes");
        }
        assertThat(chromium.exitValue()).as(Files.readString(dir.resolve("chromium.log"))).isZero();
        return Files.readString(out);
    }
}
