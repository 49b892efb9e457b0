package io.lifestage.engine.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The report as one self-contained HTML page: inline CSS, three SVG charts drawn here (the funnel, customers per stage
 * at each snapshot as stacked bars, the transition matrix as a heat map) and the tables of the text report; a
 * breakdown by an attribute as each group's stage mix in stacked bars and the table of its measures. Every
 * drawn chart element has the class {@code mark}; a short inline script counts the marks each chart really drew
 * (non-empty boxes) into {@code #chart-check}, which a headless browser test reads.
 */
final class HtmlReport implements ReportFormat.Renderer {

    private static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#59a14f", "#76b7b2", "#edc948",
            "#e15759", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;max-width:1100px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
            .period{color:#666;margin:0 0 16px}
            .tiles{display:flex;gap:12px;flex-wrap:wrap}
            .tile{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:140px}
            .tile b{display:block;font-size:22px}.tile span{color:#666;font-size:13px}
            .charts{display:flex;gap:24px;flex-wrap:wrap}
            figure{margin:0}figcaption{font-weight:600;margin-bottom:6px}
            svg text{font-size:11px;fill:#333}
            table{border-collapse:collapse;font-size:13px;margin-top:6px}
            th,td{border-bottom:1px solid #eee;padding:3px 8px;text-align:right}
            th:first-child,td:first-child{text-align:left}
            .legend span{display:inline-block;margin-right:12px;font-size:12px}
            .legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
            .cards{display:flex;gap:12px;flex-wrap:wrap}
            .card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:180px}
            .card h3{font-size:14px;margin:0 0 6px}.card td{border:0;padding:1px 4px}
            .up{color:#2e7d32}.down{color:#c62828}
            #chart-check{color:#999;font-size:11px;margin-top:24px}
            """;
    private static final String CHECK = """
            (function () {
              var out = document.getElementById('chart-check');
              var parts = [];
              document.querySelectorAll('svg[data-chart]').forEach(function (svg) {
                var drawn = 0;
                svg.querySelectorAll('.mark').forEach(function (mark) {
                  var box = mark.getBoundingClientRect();
                  if (box.width > 0 && box.height > 0) { drawn++; }
                });
                out.setAttribute('data-' + svg.getAttribute('data-chart'), drawn);
                parts.push(svg.getAttribute('data-chart') + ' ' + drawn);
              });
              [['scorecard', '.card .kpi'], ['deltas', 'table.periods td.delta']].forEach(function (table) {
                var shown = 0;
                document.querySelectorAll(table[1]).forEach(function (cell) {
                  var box = cell.getBoundingClientRect();
                  if (box.width > 0 && box.height > 0) { shown++; }
                });
                out.setAttribute('data-' + table[0], shown);
                parts.push(table[0] + ' ' + shown);
              });
              out.textContent = 'Chart elements drawn: ' + parts.join(', ');
            })();
            """;

    @Override
    public void report(LifecycleReport report, Writer out) throws IOException {
        StringBuilder html = new StringBuilder();
        page(html, "Lifecycle report");
        html.append("<h1>Lifecycle report</h1><p class=\"period\">").append(report.from()).append(" → ")
                .append(report.to()).append("</p>\n");
        tiles(html, report);
        scorecard(html, report);
        html.append("<div class=\"charts\">\n");
        funnel(html, report);
        flow(html, report);
        html.append("</div>\n");
        distribution(html, report);
        periods(html, report);
        uplift(html, report);
        html.append("<h2>Tables</h2>\n<pre>");
        java.io.StringWriter text = new java.io.StringWriter();
        new TextReport().report(report, text);
        html.append(escape(text.toString())).append("</pre>\n");
        end(html);
        out.write(html.toString());
    }

    /** The breakdown: each group's stage mix as a chart, then a table with a row per measure, a column per group. */
    @Override
    public void breakdown(AttributeBreakdown breakdown, Writer out) throws IOException {
        StringBuilder html = new StringBuilder();
        page(html, "Lifecycle report by " + breakdown.attribute());
        html.append("<h1>Lifecycle report by ").append(escape(breakdown.attribute()))
                .append("</h1><p class=\"period\">").append(breakdown.from()).append(" → ").append(breakdown.to())
                .append(", each customer by their value at the end</p>\n");
        groupMix(html, breakdown);
        html.append("<h2>Measures</h2>\n<table class=\"periods breakdown\">");
        List<List<String>> rows = Labels.breakdownTable(breakdown);
        for (int r = 0; r < rows.size(); r++) {
            String cell = r == 0 ? "th" : "td";
            html.append("<tr>");
            for (int c = 0; c < rows.get(r).size(); c++) {
                String value = rows.get(r).get(c);
                html.append('<').append(cell).append('>').append(escape(c == 1 ? value.replace('_', ' ') : value))
                        .append("</").append(cell).append('>');
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        end(html);
        out.write(html.toString());
    }

    @Override
    public void members(MemberPage page, Writer out) throws IOException {
        StringBuilder html = new StringBuilder();
        page(html, page.stage() + " at " + page.at());
        html.append("<h1>").append(page.total()).append(" customers in ").append(escape(page.stage()))
                .append("</h1><p class=\"period\">at ").append(page.at()).append("</p>\n<table><tr><th>customer</th>"
                        + "<th>entered</th><th>exited</th>");
        Labels.valueColumns(page).forEach(column -> html.append("<th>").append(column.replace('_', ' '))
                .append("</th>"));
        html.append("</tr>\n");
        for (int i = 0; i < page.customers().size(); i++) {
            Stay stay = page.customers().get(i);
            html.append("<tr><td>").append(escape(stay.customerId())).append("</td><td>").append(stay.entered())
                    .append("</td><td>").append(stay.exited() == null ? "-" : stay.exited().toString())
                    .append("</td>");
            Labels.values(page, i).forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        end(html);
        out.write(html.toString());
    }

    private static void page(StringBuilder html, String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
    }

    private static void end(StringBuilder html) {
        html.append("<div id=\"chart-check\"></div>\n<script>").append(CHECK).append("</script>\n</body></html>\n");
    }

    private static void tiles(StringBuilder html, LifecycleReport report) {
        StageRates rates = report.rates();
        StageCounts last = report.snapshots().isEmpty() ? null : report.snapshots().get(report.snapshots().size() - 1);
        html.append("<div class=\"tiles\">");
        if (last != null) {
            tile(html, String.format(Locale.ROOT, "%,d", last.total()), "customers at " + last.at());
        }
        tile(html, Labels.percent(rates.retentionRate()), "retention of " + rates.customersAtStart() + " customers");
        tile(html, Labels.percent(rates.churnRate()), "churned in the period");
        if (rates.leadConversion() != null) {
            StageRates.LeadConversion leads = rates.leadConversion();
            tile(html, Labels.percent(leads.rate()), "lead conversion of " + leads.leads() + " in " + leads.stage());
        }
        tile(html, Long.toString(report.transitions().regressions()), "moved back a stage");
        tile(html, Long.toString(report.transitions().reactivated()), "came back from churn");
        html.append("</div>\n");
    }

    /** One card per stage with its own measures, in funnel order, then the measures of every stage. */
    private static void scorecard(StringBuilder html, LifecycleReport report) {
        html.append("<h2>Scorecard</h2><div class=\"cards\">");
        String stage = "";
        for (Kpi kpi : report.scorecard()) {
            if (!Labels.kpiStage(kpi).equals(stage)) {
                html.append(stage.isEmpty() ? "" : "</table></div>").append("<div class=\"card\"><h3>")
                        .append(escape(Labels.kpiStage(kpi))).append("</h3><table>");
                stage = Labels.kpiStage(kpi);
            }
            html.append("<tr class=\"kpi\" data-kpi=\"").append(kpi.name()).append("\"><td>")
                    .append(kpi.name().replace('_', ' ')).append("</td><td>").append(Labels.value(kpi))
                    .append("</td></tr>");
        }
        html.append(stage.isEmpty() ? "" : "</table></div>").append("</div>\n");
    }

    /** Each measured action, treated against held-out customers (see {@link Labels#upliftTable}). */
    private static void uplift(StringBuilder html, LifecycleReport report) {
        if (report.uplift().isEmpty()) {
            return;
        }
        html.append("<h2>Action uplift</h2><table class=\"periods uplift\">");
        List<List<String>> rows = Labels.upliftTable(report.uplift());
        for (int r = 0; r < rows.size(); r++) {
            String cell = r == 0 ? "th" : "td";
            html.append("<tr>");
            rows.get(r).forEach(value -> html.append('<').append(cell).append('>').append(escape(value))
                    .append("</").append(cell).append('>'));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** The period-over-period table: a row per measure, a column per period, each value with its change. */
    private static void periods(StringBuilder html, LifecycleReport report) {
        if (report.periods().isEmpty()) {
            return;
        }
        html.append("<h2>Period over period</h2><table class=\"periods\"><tr><th>stage</th><th>measure</th>");
        report.periods().forEach(p -> html.append("<th>").append(Labels.period(p)).append("</th>"));
        html.append("</tr>\n");
        List<Kpi> first = report.periods().get(0).kpis();
        for (int k = 0; k < first.size(); k++) {
            html.append("<tr><td>").append(escape(Labels.kpiStage(first.get(k)))).append("</td><td>")
                    .append(first.get(k).name().replace('_', ' ')).append("</td>");
            for (PeriodRates p : report.periods()) {
                Kpi kpi = p.kpis().get(k);
                String change = Labels.change(kpi);
                html.append(change.isEmpty() ? "<td>" : "<td class=\"delta\">").append(Labels.value(kpi));
                if (!change.isEmpty()) {
                    html.append(" <small class=\"").append(kpi.change() >= 0 ? "up" : "down").append("\">")
                            .append(change).append("</small>");
                }
                html.append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void tile(StringBuilder html, String value, String label) {
        html.append("<div class=\"tile\"><b>").append(escape(value)).append("</b><span>").append(escape(label))
                .append("</span></div>");
    }

    /** Centred bars, widest at the top: how many customers reached each funnel stage. */
    private static void funnel(StringBuilder html, LifecycleReport report) {
        List<StageRates.FunnelStep> steps = report.rates().funnel();
        int width = 460;
        int bar = 30;
        int height = steps.size() * (bar + 8) + 8;
        html.append("<figure><figcaption>Stage funnel</figcaption>");
        svg(html, "funnel", width, height);
        for (int i = 0; i < steps.size(); i++) {
            StageRates.FunnelStep step = steps.get(i);
            double w = Math.max(step.shareOfTop() * (width - 160), step.reached() > 0 ? 2 : 0);
            int y = 8 + i * (bar + 8);
            if (w > 0) {
                html.append(String.format(Locale.ROOT,
                        "<rect class=\"mark funnel-bar\" data-stage=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\""
                                + " height=\"%d\" fill=\"%s\"><title>%s: %d</title></rect>",
                        escape(step.stage()), 150 + (width - 160 - w) / 2, y, w, bar,
                        color(report.stages(), step.stage()), escape(step.stage()), step.reached()));
            }
            html.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>"
                            + "<text x=\"4\" y=\"%d\" fill=\"#666\">%,d · %s</text>", y + 13, escape(step.stage()),
                    y + 26, step.reached(), i == 0 ? "100%" : Labels.percent(step.conversionRate()) + " of previous"));
        }
        html.append("</svg></figure>\n");
    }

    /** The transition matrix as a heat map: rows the stage at the start, columns the stage at the end. */
    private static void flow(StringBuilder html, LifecycleReport report) {
        List<String> columns = report.stages().order();
        List<String> rows = Labels.matrixRows(report);
        int cell = 52;
        int left = 100;
        int top = 60;
        int width = left + columns.size() * cell + 8;
        int height = top + rows.size() * cell + 8;
        html.append("<figure><figcaption>Transition flow (start → end of the period)</figcaption>");
        svg(html, "flow", width, height);
        for (int c = 0; c < columns.size(); c++) {
            html.append(String.format(Locale.ROOT, "<text transform=\"translate(%d,%d) rotate(-40)\">%s</text>",
                    left + c * cell + 12, top - 6, escape(columns.get(c))));
        }
        for (int r = 0; r < rows.size(); r++) {
            String from = rows.get(r);
            int y = top + r * cell;
            html.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>", y + cell / 2 + 4,
                    escape(Labels.stage(from))));
            for (int c = 0; c < columns.size(); c++) {
                String to = columns.get(c);
                int x = left + c * cell;
                TransitionMatrix.Cell found = report.transitions().cells().stream()
                        .filter(t -> Objects.equals(t.from(), from) && t.to().equals(to)).findFirst().orElse(null);
                if (found == null) {
                    html.append(String.format(Locale.ROOT, "<rect class=\"flow-empty\" x=\"%d\" y=\"%d\" width=\"%d\""
                            + " height=\"%d\" fill=\"#f4f4f4\"/>", x + 1, y + 1, cell - 2, cell - 2));
                    continue;
                }
                double shade = 0.12 + 0.88 * found.rate();
                html.append(String.format(Locale.ROOT, "<rect class=\"mark flow-cell\" data-from=\"%s\" data-to=\"%s\""
                                + " x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#4e79a7\""
                                + " fill-opacity=\"%.2f\"><title>%s → %s: %d (%s)</title></rect>",
                        escape(Labels.stage(from)), escape(to), x + 1, y + 1, cell - 2, cell - 2, shade,
                        escape(Labels.stage(from)), escape(to), found.count(), Labels.percent(found.rate())));
                html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\"%s>%d</text>",
                        x + cell / 2, y + cell / 2 + 4, shade > 0.55 ? " style=\"fill:#fff\"" : "", found.count()));
            }
        }
        html.append("</svg></figure>\n");
    }

    /** One stacked bar per snapshot: customers per stage. */
    private static void distribution(StringBuilder html, LifecycleReport report) {
        List<StageCounts> snapshots = report.snapshots();
        long max = Math.max(1, snapshots.stream().mapToLong(StageCounts::total).max().orElse(1));
        html.append("<h2>Customers per stage over time</h2>");
        stackedBars(html, "distribution", "dist-segment", "at", report.stages(), snapshots.stream()
                .map(counts -> new Bar(counts.at().toString(), counts.at().toString().substring(0, 10), counts, max))
                .toList(), String.format(Locale.ROOT, "%,d", max));
    }

    /** One bar per group, its customers per stage as shares of the group: the stage mix of each value. */
    private static void groupMix(StringBuilder html, AttributeBreakdown breakdown) {
        html.append("<h2>Stage mix by ").append(escape(breakdown.attribute())).append(" at the end</h2>");
        stackedBars(html, "groups", "group-segment", "group", breakdown.stages(), breakdown.groups().stream()
                .map(group -> new Bar(group.label(), group.label(), group.stages(),
                        Math.max(1, group.stages().total()))).toList(), "100%");
    }

    /**
     * A bar of a stacked chart: customers per stage, drawn against {@code scale} customers (the chart's height).
     *
     * @param key   the value of the chart's data attribute that tells each segment's bar
     * @param label the text under the bar
     */
    private record Bar(String key, String label, StageCounts counts, long scale) {
    }

    /**
     * One stacked bar per {@code bars}, a segment per stage with customers, under a legend of the stages; each segment
     * tells its bar by {@code data-<attribute>}.
     */
    private static void stackedBars(StringBuilder html, String chart, String segment, String attribute,
                                    ReportStages stages, List<Bar> bars, String topLabel) {
        int bar = Math.max(14, Math.min(60, 900 / Math.max(1, bars.size())));
        int gap = 8;
        int chartHeight = 260;
        int left = 50;
        int width = left + bars.size() * (bar + gap) + 10;
        html.append("<div class=\"legend\">");
        for (String stage : stages.order()) {
            html.append("<span><i style=\"background:").append(color(stages, stage)).append("\"></i>")
                    .append(escape(stage)).append("</span>");
        }
        html.append("</div>");
        svg(html, chart, width, chartHeight + 80);
        html.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"14\">%s</text><text x=\"4\" y=\"%d\">0</text>",
                topLabel, chartHeight + 10));
        for (int i = 0; i < bars.size(); i++) {
            Bar drawn = bars.get(i);
            int x = left + i * (bar + gap);
            double y = chartHeight + 10;
            for (String stage : stages.order()) {
                long count = drawn.counts().count(stage);
                if (count == 0) {
                    continue;
                }
                double h = (double) count / drawn.scale() * chartHeight;
                y -= h;
                html.append(String.format(Locale.ROOT, "<rect class=\"mark %s\" data-%s=\"%s\" data-stage=\"%s\""
                                + " x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                                + "<title>%s %s: %,d (%s)</title></rect>", segment, attribute,
                        escape(drawn.key()), escape(stage), x, y, bar, h, color(stages, stage), escape(drawn.label()),
                        escape(stage), count, Labels.percent((double) count / Math.max(1, drawn.counts().total()))));
            }
            html.append(String.format(Locale.ROOT, "<text transform=\"translate(%d,%d) rotate(40)\">%s</text>",
                    x + 2, chartHeight + 22, escape(drawn.label())));
        }
        html.append("</svg>\n");
    }

    private static void svg(StringBuilder html, String chart, int width, int height) {
        html.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" data-chart=\"%s\""
                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                chart, width, height, width, height));
    }

    private static String color(ReportStages stages, String stage) {
        int index = stages.order().indexOf(stage);
        return PALETTE.get(Math.floorMod(index, PALETTE.size()));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
