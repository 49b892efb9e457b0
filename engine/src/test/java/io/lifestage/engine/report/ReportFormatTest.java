package io.lifestage.engine.report;

import static io.lifestage.engine.report.StoreHistory.day;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each format writes the same numbers: a small history (three customers) rendered as text, CSV, JSON and HTML. */
class ReportFormatTest {

    private static StageStore store;
    private static Reports reports;
    private static LifecycleReport report;

    @BeforeAll
    static void fill() throws Exception {
        store = TestStores.open("jdbc:h2:mem:format-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new StoreHistory(store)
                .move("a,1", null, "awareness", 0).move("a,1", "awareness", "conversion", 10)
                .move("b", null, "awareness", 0)
                .move("c", null, "conversion", 0).move("c", "conversion", "churn", 20)
                .event("b", "Page Viewed", 5, 0).event("a,1", "Order Completed", 10, 0, "total", 40)
                .save(30, 0)
                .purchases("a,1", 10, 1, 40, "small").orders("a,1", 1, 40, 40, 10);
        reports = new Reports(store, new ReportStages(List.of("awareness", "conversion", "churn"), "conversion",
                "churn"));
        report = reports.report(day(0), day(30), reports.runInstants());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static String render(ReportFormat format, LifecycleReport report) throws IOException {
        StringWriter out = new StringWriter();
        format.write(report, out);
        return out.toString();
    }

    @Test
    void textHasOneAlignedTablePerKpi() throws IOException {
        String text = render(ReportFormat.TEXT, report);

        assertThat(text).startsWith("Lifecycle report from 2026-01-01T00:00:00Z to 2026-01-31T00:00:00Z\n")
                .contains("\nat                    awareness  conversion  churn  total\n"
                        + "2026-01-01T00:00:00Z          2           1      0      3\n"
                        + "2026-01-31T00:00:00Z          1           1      1      3\n")
                .contains("\nfrom \\ to   awareness  conversion     churn\n"
                        + "awareness     1 50.0%     1 50.0%         0\n")
                .contains("Regressions 0, churned 1, reactivated 0\n")
                .contains("Retention: of 1 customers at the start, 0 still customers (0.0%), 1 churned (100.0%)")
                // b visited, a,1 bought: one first purchase of two prospects; no stage of loyalty, no NPS answer
                .containsPattern("\nawareness +visits +1\n")
                .containsPattern("\nconversion +first_purchase_rate +50.0%\n")
                .containsPattern("\n\\(all\\) +revenue +40.00\n").containsPattern("\n\\(all\\) +nps +-\n")
                // a,1 now in conversion, small: 40 of revenue, bought 20 days before the end: 40 x 3 years
                .containsPattern("\nconversion +small +1 +40.00 +120.00\n")
                .containsPattern("\nconversion +\\(all\\) +1 +40.00 +120.00\n");
    }

    @Test
    void csvHasOneNumberPerLineAndQuotesIdsThatNeedIt() throws IOException {
        String csv = render(ReportFormat.CSV, report);

        assertThat(csv).startsWith("section,from,to,stage,to_stage,measure,value\n")
                .contains("\nsnapshot,,2026-01-31T00:00:00Z,churn,,customers,1\n")
                .contains("\ntransition,2026-01-01T00:00:00Z,2026-01-31T00:00:00Z,awareness,conversion,rate,0.5\n")
                .contains("\nfunnel,2026-01-01T00:00:00Z,2026-01-31T00:00:00Z,conversion,,reached,2\n")
                .contains("\nretention,2026-01-01T00:00:00Z,2026-01-31T00:00:00Z,,,churn_rate,1.0\n")
                .contains("\nduration,2026-01-01T00:00:00Z,2026-01-31T00:00:00Z,awareness,,median_days,10.0\n")
                .contains("\nprofile,,2026-01-31T00:00:00Z,churn,,tier_none,1\n")
                .contains("\nprofile,,2026-01-31T00:00:00Z,conversion,,lifetime_value_tier_small,120.0\n")
                .contains("\nscorecard,2026-01-01T00:00:00Z,2026-01-31T00:00:00Z,,,revenue,40.0\n")
                .contains("\nscorecard,2026-01-01T00:00:00Z,2026-01-31T00:00:00Z,,,nps,\n");
        assertThat(csv.lines().skip(1)).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(7));
        StringWriter members = new StringWriter();
        ReportFormat.CSV.write(reports.members("conversion", day(30), null, 10), members);
        assertThat(members.toString()).isEqualTo("customer_id,stage,at,entered,exited\n"
                + "\"a,1\",conversion,2026-01-31T00:00:00Z,2026-01-11T00:00:00Z,\n");
    }

    @Test
    void jsonIsTheRecordsWithIsoInstants() throws IOException {
        JsonNode json = new ObjectMapper().readTree(render(ReportFormat.JSON, report));

        assertThat(json.get("from").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(json.at("/stages/order").toString()).isEqualTo("[\"awareness\",\"conversion\",\"churn\"]");
        assertThat(json.at("/snapshots/1/counts").toString())
                .isEqualTo("{\"awareness\":1,\"conversion\":1,\"churn\":1}");
        assertThat(json.at("/transitions/churned").asLong()).isEqualTo(1);
        assertThat(json.at("/rates/funnel/1/reached").asLong()).isEqualTo(2);
        assertThat(json.at("/durations/0/medianDays").asDouble()).isEqualTo(10.0);
        assertThat(json.at("/profiles/2/tiers/none").asLong()).isEqualTo(1);
        assertThat(json.at("/profiles/1/lifetimeValue/small").asDouble()).isEqualTo(120.0);
        assertThat(json.get("scorecard")).anySatisfy(kpi -> assertThat(kpi.toString()).isEqualTo(
                "{\"stage\":\"awareness\",\"name\":\"visits\",\"kind\":\"COUNT\",\"value\":1.0,\"change\":null}"));
    }

    @Test
    void htmlIsOnePageWithThreeChartsAndNothingFromElsewhere() throws IOException {
        String html = render(ReportFormat.HTML, report);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains("id=\"chart-check\"")
                .doesNotContain("src=").doesNotContain("href=").doesNotContain("@import").doesNotContain("url(");
        assertThat(count(html, "class=\"mark funnel-bar\"")).isEqualTo(2);
        assertThat(count(html, "class=\"mark dist-segment\"")).isEqualTo(2 + 3);
        assertThat(count(html, "class=\"mark flow-cell\"")).isEqualTo(report.transitions().cells().size());
        assertThat(html).contains("data-from=\"awareness\" data-to=\"conversion\"");
        assertThat(count(html, "<tr class=\"kpi\"")).isEqualTo(report.scorecard().size());
        assertThat(html).contains("<tr class=\"kpi\" data-kpi=\"revenue\"><td>revenue</td><td>40.00</td></tr>");
    }

    @Test
    void htmlEscapesWhatItShows() throws IOException {
        StringWriter out = new StringWriter();
        ReportFormat.HTML.write(new MemberPage("conversion", day(30), 1,
                List.of(new Stay("<b>&", "conversion", day(1), null)), null, List.of(), null), out);

        assertThat(out.toString()).contains("<td>&lt;b&gt;&amp;</td>").doesNotContain("<b>&");
    }

    static String render(MemberPage page) throws IOException {
        StringWriter out = new StringWriter();
        ReportFormat.TEXT.write(page, out);
        return out.toString();
    }

    static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
