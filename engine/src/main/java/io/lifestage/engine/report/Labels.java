package io.lifestage.engine.report;

import io.lifestage.engine.internal.Days;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How every renderer writes the values reports share. */
final class Labels {

    /** The row label of customers who had no stage at the start of a period. */
    static final String NEW = "(new)";
    /** The stage label of measures of every stage. */
    static final String EVERY_STAGE = "(all)";

    private Labels() {
    }

    static String stage(String stage) {
        return stage == null ? NEW : stage;
    }

    static String instant(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** A change in percentage points with its sign, {@code -} when there is none. */
    static String points(Double change) {
        return change == null ? "-" : String.format(Locale.ROOT, "%+.1f pt", change);
    }

    /** The rows of the transition matrix: every stage, then new customers when there are any. */
    static List<String> matrixRows(LifecycleReport report) {
        List<String> rows = new ArrayList<>(report.stages().order());
        if (report.transitions().cells().stream().anyMatch(cell -> cell.from() == null)) {
            rows.add(null);
        }
        return rows;
    }

    /**
     * The action uplift as one table, as text and HTML show it: a header, then a row per action with each group's
     * customers, those who reached the outcome and the rate, the uplift and its 95 % confidence interval in points.
     */
    static List<List<String>> upliftTable(List<ActionUplift> actions) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("action", "outcome", "holdout", "treated", "reached", "rate", "held out", "reached", "rate",
                "uplift", "95% CI"));
        for (ActionUplift a : actions) {
            rows.add(List.of(a.action(), a.outcome(), percent(a.holdout()), Long.toString(a.treated().customers()),
                    Long.toString(a.treated().reached()), rate(a.treated().rate()),
                    Long.toString(a.heldOut().customers()), Long.toString(a.heldOut().reached()),
                    rate(a.heldOut().rate()), points(a.uplift() == null ? null : a.uplift() * 100),
                    a.uplift() == null ? "-" : String.format(Locale.ROOT, "%+.1f to %+.1f pt", a.low() * 100,
                            a.high() * 100)));
        }
        return rows;
    }

    private static String rate(Double rate) {
        return rate == null ? "-" : percent(rate);
    }

    /**
     * A breakdown as one table, as text and HTML show it: a header (stage, measure, then each group's label), the
     * customers of each group, its customers per stage at the period's end, then each measure of the scorecard.
     */
    static List<List<String>> breakdownTable(AttributeBreakdown breakdown) {
        List<AttributeBreakdown.Group> groups = breakdown.groups();
        List<List<String>> table = new ArrayList<>();
        table.add(row("stage", "measure", groups.stream().map(AttributeBreakdown.Group::label).toList()));
        table.add(row(EVERY_STAGE, "customers", groups.stream().map(g -> Long.toString(g.customers())).toList()));
        for (String stage : breakdown.stages().order()) {
            table.add(row(stage, "customers_at_end", groups.stream()
                    .map(g -> Long.toString(g.stages().count(stage))).toList()));
        }
        List<Kpi> measures = groups.isEmpty() ? List.of() : groups.get(0).scorecard();
        for (int k = 0; k < measures.size(); k++) {
            int measure = k;
            table.add(row(kpiStage(measures.get(k)), measures.get(k).name(), groups.stream()
                    .map(g -> value(g.scorecard().get(measure))).toList()));
        }
        return table;
    }

    private static List<String> row(String stage, String measure, List<String> cells) {
        List<String> row = new ArrayList<>(List.of(stage, measure));
        row.addAll(cells);
        return row;
    }

    /** The label of a measure's stage: the stage, or {@value #EVERY_STAGE} for measures of every stage. */
    static String kpiStage(Kpi kpi) {
        return kpi.stage() == null ? EVERY_STAGE : kpi.stage();
    }

    /** A measure's value as its kind is shown: counts whole, rates in percent, amounts to the cent. */
    static String value(Kpi kpi) {
        Double value = kpi.value();
        if (value == null) {
            return "-";
        }
        return switch (kpi.kind()) {
            case COUNT -> value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                    : String.format(Locale.ROOT, "%.2f", value);
            case RATE -> percent(value);
            case AMOUNT -> money(value);
            case DAYS, SCORE -> String.format(Locale.ROOT, "%.1f", value);
        };
    }

    /** A measure's change from the period before with its sign (rates in points), empty when there is none. */
    static String change(Kpi kpi) {
        if (kpi.change() == null) {
            return "";
        }
        return kpi.kind() == Kpi.Kind.RATE ? points(kpi.change())
                : value(new Kpi(kpi.stage(), kpi.name(), kpi.kind(), kpi.change(), null))
                        .replaceFirst("^(?!-)", "+");
    }

    /** A period of a period-over-period table by its first and last day. */
    static String period(PeriodRates period) {
        return period.from().toString().substring(0, 10) + ".." + period.to().toString().substring(0, 10);
    }

    /** The columns a ranked list of customers adds: what each is worth. */
    static final List<String> VALUE_COLUMNS = List.of("days_in_stage", "rfm", "tier", "orders", "revenue",
            "average_order_value", "lifetime_value");

    /** The value columns of the {@code i}th customer of a ranked page; none on a page by id. */
    static List<String> values(MemberPage page, int i) {
        if (page.values().isEmpty()) {
            return List.of();
        }
        CustomerValue value = page.values().get(i);
        double days = (page.at().toEpochMilli() - page.customers().get(i).entered().toEpochMilli())
                / (double) Days.MILLIS;
        return List.of(days(days), "" + value.recency() + value.frequency() + value.monetary(), value.valueTier(),
                Long.toString(value.orders()), money(value.revenue()),
                value.averageOrderValue() == null ? "-" : money(value.averageOrderValue()),
                money(value.lifetimeValue()));
    }

    /** The value column names of a page: {@link #VALUE_COLUMNS} on a ranked page, none on a page by id. */
    static List<String> valueColumns(MemberPage page) {
        return page.values().isEmpty() ? List.of() : VALUE_COLUMNS;
    }

    static String money(double amount) {
        return String.format(Locale.ROOT, "%.2f", amount);
    }

    static String days(Double days) {
        return days == null ? "-" : String.format(Locale.ROOT, "%.1f", days);
    }
}
