package io.lifestage.engine.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The report as aligned text tables, one section per KPI. */
final class TextReport implements ReportFormat.Renderer {

    @Override
    public void report(LifecycleReport report, Writer out) throws IOException {
        List<String> order = report.stages().order();
        out.write("Lifecycle report from " + report.from() + " to " + report.to() + "\n");

        section(out, "Customers per stage");
        TextTable snapshots = new TextTable(concat("at", order, "total"));
        for (StageCounts counts : report.snapshots()) {
            snapshots.row(concat(counts.at().toString(), order.stream().map(s -> Long.toString(counts.count(s)))
                    .toList(), Long.toString(counts.total())));
        }
        snapshots.writeTo(out);

        TransitionMatrix matrix = report.transitions();
        section(out, "Transitions from " + matrix.from() + " to " + matrix.to() + " (customers, share of the row)");
        TextTable cells = new TextTable(concat("from \\ to", order, null));
        for (String from : Labels.matrixRows(report)) {
            cells.row(concat(Labels.stage(from), order.stream().map(to -> matrix.cells().stream()
                    .filter(c -> java.util.Objects.equals(c.from(), from) && c.to().equals(to)).findFirst()
                    .map(c -> c.count() + " " + Labels.percent(c.rate())).orElse("0")).toList(), null));
        }
        cells.writeTo(out);
        out.write("Regressions " + matrix.regressions() + ", churned " + matrix.churned() + ", reactivated "
                + matrix.reactivated() + "\n");

        section(out, "Moves in the period");
        TextTable moves = new TextTable(List.of("stage", "entered", "exited"));
        report.moves().forEach(m -> moves.row(List.of(m.stage(), Long.toString(m.entered()),
                Long.toString(m.exited()))));
        moves.writeTo(out);

        StageRates rates = report.rates();
        section(out, "Funnel");
        TextTable funnel = new TextTable(List.of("stage", "reached", "conversion", "of top"));
        rates.funnel().forEach(step -> funnel.row(List.of(step.stage(), Long.toString(step.reached()),
                Labels.percent(step.conversionRate()), Labels.percent(step.shareOfTop()))));
        funnel.writeTo(out);
        out.write("Retention: of " + rates.customersAtStart() + " customers at the start, " + rates.retained()
                + " still customers (" + Labels.percent(rates.retentionRate()) + "), " + rates.churned()
                + " churned (" + Labels.percent(rates.churnRate()) + ")\n");
        StageRates.LeadConversion leads = rates.leadConversion();
        if (leads != null) {
            out.write("Lead conversion: of " + leads.leads() + " customers in " + leads.stage() + " during the period, "
                    + leads.converted() + " became customers (" + Labels.percent(leads.rate()) + "), median "
                    + Labels.days(leads.medianDays()) + " days\n");
        }

        scorecard(report, out);

        section(out, "Time in stage (stays that ended in the period)");
        TextTable durations = new TextTable(List.of("stage", "ended stays", "median days", "still in it"));
        report.durations().forEach(d -> durations.row(List.of(d.stage(), Long.toString(d.completedStays()),
                Labels.days(d.medianDays()), Long.toString(d.ongoingStays()))));
        durations.writeTo(out);

        section(out, "RFM scores 0..5 and value tiers of the customers in each stage at " + report.to());
        List<String> header = new ArrayList<>(List.of("stage", "customers", "recency", "frequency", "monetary"));
        header.addAll(StageProfile.TIERS);
        TextTable profiles = new TextTable(header);
        for (StageProfile p : report.profiles()) {
            List<String> row = new ArrayList<>(List.of(p.stage(), Long.toString(p.customers()), scores(p.recency()),
                    scores(p.frequency()), scores(p.monetary())));
            StageProfile.TIERS.forEach(tier -> row.add(Long.toString(p.tiers().get(tier))));
            profiles.row(row);
        }
        profiles.writeTo(out);
        valueViews(report, out);
        periodValueViews(report, out);
        uplift(report, out);
    }

    /** Each measured action, treated against held-out customers; nothing when the pack measures none. */
    private static void uplift(LifecycleReport report, Writer out) throws IOException {
        if (report.uplift().isEmpty()) {
            return;
        }
        section(out, "Action uplift: customers first due each action in the period whose outcome window ended,"
                + " treated vs held out");
        List<List<String>> rows = Labels.upliftTable(report.uplift());
        TextTable table = new TextTable(rows.get(0));
        rows.subList(1, rows.size()).forEach(table::row);
        table.writeTo(out);
    }

    /** The scorecard, and the period-over-period table when there are periods. */
    private static void scorecard(LifecycleReport report, Writer out) throws IOException {
        section(out, "Scorecard: each stage's own measures over the period");
        TextTable scorecard = new TextTable(List.of("stage", "measure", "value"));
        report.scorecard().forEach(kpi -> scorecard.row(List.of(Labels.kpiStage(kpi), kpi.name(),
                Labels.value(kpi))));
        scorecard.writeTo(out);

        if (!report.periods().isEmpty()) {
            section(out, "Period over period (each value with its change from the period before; rates in points)");
            List<String> header = new ArrayList<>(List.of("stage", "measure"));
            report.periods().forEach(p -> header.add(Labels.period(p)));
            TextTable periods = new TextTable(header);
            List<Kpi> first = report.periods().get(0).kpis();
            for (int k = 0; k < first.size(); k++) {
                List<String> row = new ArrayList<>(List.of(Labels.kpiStage(first.get(k)), first.get(k).name()));
                for (PeriodRates p : report.periods()) {
                    Kpi kpi = p.kpis().get(k);
                    String change = Labels.change(kpi);
                    row.add(Labels.value(kpi) + (change.isEmpty() ? "" : " (" + change + ")"));
                }
                periods.row(row);
            }
            periods.writeTo(out);
        }
    }

    /**
     * The RFM segment × value tier cross-table, and the revenue and lifetime value per tier and in all, of each stage's
     * customers at the report's end.
     */
    private static void valueViews(LifecycleReport report, Writer out) throws IOException {
        section(out, "RFM segment (mean score) by value tier, and revenue and lifetime value (summed) per tier, of the"
                + " customers in each stage at " + report.to());
        List<String> cross = new ArrayList<>(List.of("stage", "segment"));
        cross.addAll(StageProfile.TIERS);
        TextTable segments = new TextTable(cross);
        TextTable revenue = new TextTable(List.of("stage", "tier", "customers", "revenue", "lifetime value"));
        for (StageProfile p : report.profiles()) {
            for (int segment = 5; segment >= 0; segment--) {
                Map<String, Long> row = p.segments().get(segment);
                if (row.values().stream().anyMatch(count -> count > 0)) {
                    List<String> counts = new ArrayList<>(List.of(p.stage(),
                            segment == 0 ? "none" : "RFM " + segment));
                    StageProfile.TIERS.forEach(tier -> counts.add(Long.toString(row.get(tier))));
                    segments.row(counts);
                }
            }
            for (String tier : StageProfile.TIERS) {
                revenue.row(List.of(p.stage(), tier, Long.toString(p.tiers().get(tier)),
                        Labels.money(p.revenue().get(tier)), Labels.money(p.lifetimeValue().get(tier))));
            }
            revenue.row(List.of(p.stage(), "(all)", Long.toString(p.customers()), Labels.money(sum(p.revenue())),
                    Labels.money(sum(p.lifetimeValue()))));
        }
        segments.writeTo(out);
        out.write("\n");
        revenue.writeTo(out);
    }

    /**
     * The value views at the end of each period of a period-over-period table: the RFM segment × value tier
     * cross-table (customers per tier in one cell) and the customers, revenue and lifetime value per tier.
     */
    private static void periodValueViews(LifecycleReport report, Writer out) throws IOException {
        List<PeriodRates> periods = report.periods();
        if (periods.isEmpty()) {
            return;
        }
        section(out, "RFM segment by value tier at the end of each period (customers "
                + String.join("/", StageProfile.TIERS) + ")");
        List<String> header = new ArrayList<>(List.of("stage", "segment"));
        periods.forEach(p -> header.add(Labels.period(p)));
        TextTable segments = new TextTable(header);
        header.set(1, "tier");
        TextTable revenue = new TextTable(header);
        for (int s = 0; s < report.stages().order().size(); s++) {
            String stage = report.stages().order().get(s);
            for (int segment = 5; segment >= 0; segment--) {
                List<String> row = new ArrayList<>(List.of(stage, segment == 0 ? "none" : "RFM " + segment));
                boolean any = false;
                for (PeriodRates p : periods) {
                    Map<String, Long> counts = p.profiles().get(s).segments().get(segment);
                    any |= counts.values().stream().anyMatch(count -> count > 0);
                    row.add(StageProfile.TIERS.stream().map(tier -> Long.toString(counts.get(tier)))
                            .collect(Collectors.joining("/")));
                }
                if (any) {
                    segments.row(row);
                }
            }
            for (String tier : StageProfile.TIERS) {
                List<String> row = new ArrayList<>(List.of(stage, tier));
                for (PeriodRates p : periods) {
                    StageProfile profile = p.profiles().get(s);
                    row.add(profile.tiers().get(tier) + ": " + Labels.money(profile.revenue().get(tier)) + ", "
                            + Labels.money(profile.lifetimeValue().get(tier)));
                }
                revenue.row(row);
            }
        }
        segments.writeTo(out);
        section(out, "Customers, revenue and lifetime value per value tier at the end of each period");
        revenue.writeTo(out);
    }

    @Override
    public void breakdown(AttributeBreakdown breakdown, Writer out) throws IOException {
        out.write("Lifecycle report from " + breakdown.from() + " to " + breakdown.to() + " by "
                + breakdown.attribute() + " (its value at the end)\n\n");
        List<List<String>> rows = Labels.breakdownTable(breakdown);
        TextTable table = new TextTable(rows.get(0));
        rows.subList(1, rows.size()).forEach(table::row);
        table.writeTo(out);
    }

    @Override
    public void members(MemberPage page, Writer out) throws IOException {
        out.write(page.total() + " customers in " + page.stage() + " at " + page.at() + "\n");
        List<String> header = new ArrayList<>(List.of("customer", "entered", "exited"));
        header.addAll(Labels.valueColumns(page));
        TextTable table = new TextTable(header);
        for (int i = 0; i < page.customers().size(); i++) {
            Stay stay = page.customers().get(i);
            List<String> row = new ArrayList<>(List.of(stay.customerId(), Labels.instant(stay.entered()),
                    stay.exited() == null ? "-" : stay.exited().toString()));
            row.addAll(Labels.values(page, i));
            table.row(row);
        }
        table.writeTo(out);
        if (page.nextAfter() != null) {
            out.write("More: --after " + page.nextAfter() + "\n");
        }
        if (page.nextPage() != null) {
            out.write("More: --page " + page.nextPage() + "\n");
        }
    }

    private static double sum(Map<String, Double> amounts) {
        return amounts.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static void section(Writer out, String title) throws IOException {
        out.write("\n" + title + "\n");
    }

    private static String scores(List<Long> counts) {
        return counts.stream().map(String::valueOf).collect(Collectors.joining("/"));
    }

    private static List<String> concat(String first, List<String> middle, String last) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(middle);
        if (last != null) {
            all.add(last);
        }
        return all;
    }
}
