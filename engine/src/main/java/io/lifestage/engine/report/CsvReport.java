package io.lifestage.engine.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as one CSV table in long form, one number per line: {@code section,from,to,stage,to_stage,measure,value}.
 * Snapshot and profile lines have only {@code to} (the instant: profiles are as of the report's end);
 * {@code period_profile} lines, the profiles as of the end of each period of a period-over-period table, have the
 * period's {@code from} and {@code to}.
 */
final class CsvReport implements ReportFormat.Renderer {

    @Override
    public void report(LifecycleReport report, Writer out) throws IOException {
        out.write("section,from,to,stage,to_stage,measure,value\n");
        String from = Labels.instant(report.from());
        String to = Labels.instant(report.to());
        for (StageCounts counts : report.snapshots()) {
            for (var entry : counts.counts().entrySet()) {
                line(out, "snapshot", "", counts.at().toString(), entry.getKey(), "", "customers", entry.getValue());
            }
        }
        for (TransitionMatrix.Cell cell : report.transitions().cells()) {
            line(out, "transition", from, to, Labels.stage(cell.from()), cell.to(), "customers", cell.count());
            line(out, "transition", from, to, Labels.stage(cell.from()), cell.to(), "rate", cell.rate());
        }
        TransitionMatrix matrix = report.transitions();
        line(out, "transition", from, to, "", "", "regressions", matrix.regressions());
        line(out, "transition", from, to, "", "", "churned", matrix.churned());
        line(out, "transition", from, to, "", "", "reactivated", matrix.reactivated());
        for (StageFlow moves : report.moves()) {
            line(out, "moves", from, to, moves.stage(), "", "entered", moves.entered());
            line(out, "moves", from, to, moves.stage(), "", "exited", moves.exited());
        }
        for (StageRates.FunnelStep step : report.rates().funnel()) {
            line(out, "funnel", from, to, step.stage(), "", "reached", step.reached());
            line(out, "funnel", from, to, step.stage(), "", "conversion_rate", step.conversionRate());
            line(out, "funnel", from, to, step.stage(), "", "share_of_top", step.shareOfTop());
        }
        StageRates rates = report.rates();
        line(out, "retention", from, to, "", "", "customers_at_start", rates.customersAtStart());
        line(out, "retention", from, to, "", "", "retained", rates.retained());
        line(out, "retention", from, to, "", "", "churned", rates.churned());
        line(out, "retention", from, to, "", "", "retention_rate", rates.retentionRate());
        line(out, "retention", from, to, "", "", "churn_rate", rates.churnRate());
        StageRates.LeadConversion leads = rates.leadConversion();
        if (leads != null) {
            line(out, "lead_conversion", from, to, leads.stage(), "", "leads", leads.leads());
            line(out, "lead_conversion", from, to, leads.stage(), "", "converted", leads.converted());
            line(out, "lead_conversion", from, to, leads.stage(), "", "rate", leads.rate());
            line(out, "lead_conversion", from, to, leads.stage(), "", "median_days",
                    leads.medianDays() == null ? "" : leads.medianDays());
        }
        for (Kpi kpi : report.scorecard()) {
            kpi(out, "scorecard", from, to, kpi);
        }
        for (PeriodRates p : report.periods()) {
            for (Kpi kpi : p.kpis()) {
                kpi(out, "period", p.from().toString(), p.to().toString(), kpi);
            }
        }
        for (StageDuration d : report.durations()) {
            line(out, "duration", from, to, d.stage(), "", "ended_stays", d.completedStays());
            line(out, "duration", from, to, d.stage(), "", "median_days", d.medianDays() == null ? "" : d.medianDays());
            line(out, "duration", from, to, d.stage(), "", "still_in_stage", d.ongoingStays());
        }
        for (ActionUplift a : report.uplift()) {
            uplift(out, from, to, a);
        }
        profiles(out, "profile", "", to, report.profiles());
        for (PeriodRates p : report.periods()) {
            profiles(out, "period_profile", p.from().toString(), p.to().toString(), p.profiles());
        }
    }

    /** The value views of each stage as of {@code to}. */
    private static void profiles(Writer out, String section, String from, String to, List<StageProfile> profiles)
            throws IOException {
        for (StageProfile p : profiles) {
            scores(out, section, from, to, p.stage(), "recency", p.recency());
            scores(out, section, from, to, p.stage(), "frequency", p.frequency());
            scores(out, section, from, to, p.stage(), "monetary", p.monetary());
            for (var tier : p.tiers().entrySet()) {
                line(out, section, from, to, p.stage(), "", "tier_" + tier.getKey(), tier.getValue());
                line(out, section, from, to, p.stage(), "", "revenue_tier_" + tier.getKey(),
                        p.revenue().get(tier.getKey()));
                line(out, section, from, to, p.stage(), "", "lifetime_value_tier_" + tier.getKey(),
                        p.lifetimeValue().get(tier.getKey()));
            }
            for (int segment = 0; segment < p.segments().size(); segment++) {
                for (var tier : p.segments().get(segment).entrySet()) {
                    line(out, section, from, to, p.stage(), "", "segment_" + segment + "_tier_" + tier.getKey(),
                            tier.getValue());
                }
            }
        }
    }

    /** A breakdown in long form, {@code attribute,group,from,to,stage,measure,value}; groups labelled as in text. */
    @Override
    public void breakdown(AttributeBreakdown breakdown, Writer out) throws IOException {
        out.write("attribute,group,from,to,stage,measure,value\n");
        String prefix = quote(breakdown.attribute()) + ",";
        String period = "," + Labels.instant(breakdown.from()) + "," + Labels.instant(breakdown.to()) + ",";
        for (AttributeBreakdown.Group group : breakdown.groups()) {
            String start = prefix + quote(group.label()) + period;
            out.write(start + ",customers," + group.customers() + "\n");
            for (var stage : group.stages().counts().entrySet()) {
                out.write(start + quote(stage.getKey()) + ",customers_at_end," + stage.getValue() + "\n");
            }
            for (Kpi kpi : group.scorecard()) {
                out.write(start + quote(kpi.stage() == null ? "" : kpi.stage()) + "," + kpi.name() + ","
                        + (kpi.value() == null ? "" : kpi.value()) + "\n");
            }
        }
    }

    @Override
    public void members(MemberPage page, Writer out) throws IOException {
        List<String> header = new ArrayList<>(List.of("customer_id", "stage", "at", "entered", "exited"));
        header.addAll(Labels.valueColumns(page));
        out.write(String.join(",", header) + "\n");
        for (int i = 0; i < page.customers().size(); i++) {
            Stay stay = page.customers().get(i);
            List<String> row = new ArrayList<>(List.of(quote(stay.customerId()), stay.stage(), page.at().toString(),
                    Labels.instant(stay.entered()), Labels.instant(stay.exited())));
            row.addAll(Labels.values(page, i));
            out.write(String.join(",", row) + "\n");
        }
    }

    /** A measure's line, and its change's ({@code <name>_change}, in points for rates) when it has one. */
    private static void kpi(Writer out, String section, String from, String to, Kpi kpi) throws IOException {
        String stage = kpi.stage() == null ? "" : kpi.stage();
        line(out, section, from, to, stage, "", kpi.name(), kpi.value() == null ? "" : kpi.value());
        if (kpi.change() != null) {
            line(out, section, from, to, stage, "", kpi.name() + "_change", kpi.change());
        }
    }

    /** An action's figures, the action in the stage column and its outcome in the to_stage column. */
    private static void uplift(Writer out, String from, String to, ActionUplift a) throws IOException {
        Object[] figures = {"holdout", a.holdout(), "treated", a.treated().customers(),
            "treated_reached", a.treated().reached(), "treated_rate", a.treated().rate(),
            "held_out", a.heldOut().customers(), "held_out_reached", a.heldOut().reached(),
            "held_out_rate", a.heldOut().rate(), "uplift", a.uplift(), "uplift_low", a.low(), "uplift_high", a.high()};
        for (int i = 0; i < figures.length; i += 2) {
            line(out, "uplift", from, to, a.action(), a.outcome(), (String) figures[i],
                    figures[i + 1] == null ? "" : figures[i + 1]);
        }
    }

    private static void scores(Writer out, String section, String from, String to, String stage, String name,
                               List<Long> counts) throws IOException {
        for (int score = 0; score < counts.size(); score++) {
            line(out, section, from, to, stage, "", name + "_" + score, counts.get(score));
        }
    }

    private static void line(Writer out, String section, String from, String to, String stage, String toStage,
                             String measure, Object value) throws IOException {
        out.write(String.join(",", section, from, to, quote(stage), quote(toStage), measure, value.toString())
                + "\n");
    }

    /** RFC 4180 quoting, only when the value needs it. */
    private static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
