package io.lifestage.engine.report;

import io.lifestage.engine.classify.ActionCatalog;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.MetricsSettings;
import io.lifestage.engine.config.ReportSettings;
import io.lifestage.engine.internal.Days;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.MetricsTimeline;
import io.lifestage.engine.metrics.OrderValue;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.metrics.TierPolicy;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.StoreException;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Lifecycle KPIs of a stage store. Past stages come from the recorded transitions: a customer's stage at an instant
 * is the {@code to} of their last transition at or before it that was not refused. A report reads the transitions
 * once, in customer and time order, whatever the number of snapshots, once more for each customer's stage at each
 * period's end, and the facts once for the scorecard and the RFM scores and tiers as of each period's end, so its time
 * grows with the transitions, facts and customers read.
 *
 * <pre>{@code
 * Reports reports = new Reports(store, ReportStages.of(ruleBase.stageModel()));
 * List<Instant> runs = reports.runInstants();
 * LifecycleReport report = reports.report(runs.get(0), runs.get(runs.size() - 1), runs);
 * }</pre>
 *
 * <p>Uses the store's connection: one thread at a time, as the store itself.
 */
public final class Reports {

    /** The group keys of a breakdown's customers without a value and of the values not shown on their own. */
    private static final String NO_VALUE = "\u0000none";
    private static final String OTHER_VALUES = "\u0000other";
    /** Every event name: a breakdown reads every event's maps, since any may carry the attribute. */
    private static final Set<String> EVERY_EVENT = new AbstractSet<>() {
        @Override
        public boolean contains(Object name) {
            return true;
        }

        @Override
        public Iterator<String> iterator() {
            throw new UnsupportedOperationException("the set of every event name cannot be listed");
        }

        @Override
        public int size() {
            return Integer.MAX_VALUE;
        }
    };

    private final StageStore store;
    private final ReportStages stages;
    private final ReportSettings events;
    private final TierPolicy tiers;
    private final ActionCatalog actions;

    /**
     * Reports over a store, showing {@code stages} and then any other stage found in the store's history, with the
     * scorecard's events and lifetime-value years of the default configuration.
     */
    public Reports(StageStore store, ReportStages stages) {
        this(store, stages, LifestageConfig.defaults(ReportSettings.class),
                TierPolicy.of(LifestageConfig.defaults(MetricsSettings.class)));
    }

    /**
     * Reports over a store, showing {@code stages} and then any other stage found in the store's history; the
     * scorecard reads the events {@code events} names, and tiers customers and estimates their lifetime value by
     * {@code tiers}.
     */
    public Reports(StageStore store, ReportStages stages, ReportSettings events, TierPolicy tiers) {
        this(store, stages, events, tiers, ActionCatalog.none());
    }

    /**
     * Reports as {@link #Reports(StageStore, ReportStages, ReportSettings, TierPolicy)}, measuring the actions of
     * {@code actions} that name an outcome (see {@link #uplift}).
     */
    public Reports(StageStore store, ReportStages stages, ReportSettings events, TierPolicy tiers,
                   ActionCatalog actions) {
        this.store = Objects.requireNonNull(store, "store");
        this.stages = stages.including(read(store::stagesInHistory));
        this.events = Objects.requireNonNull(events, "events");
        this.tiers = Objects.requireNonNull(tiers, "tiers");
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    /** The stages reports show, in funnel order. */
    public ReportStages stages() {
        return stages;
    }

    /**
     * The as-of instant of every recorded run, oldest first, without repeats.
     *
     * @throws ReportException when no run has been recorded: there is nothing to report yet
     */
    public List<Instant> runInstants() {
        List<Instant> runs = read(store::runInstants);
        if (runs.isEmpty()) {
            throw new ReportException("LS-REPORT-0001", "the stage store " + store.url() + " holds no runs yet:"
                    + " fill it with `lifestage run` (see docs/reports.md) before asking for a report");
        }
        return runs;
    }

    /**
     * Where the recorded history starts: the start of the UTC month of its earliest transition (of the month before
     * when that falls on the month's first instant), so that every recorded move falls in a period starting there and
     * monthly snapshots fall on the first of each month; the first run's as-of when no transition is recorded.
     *
     * @throws ReportException when no run has been recorded
     */
    public Instant historyStart() {
        return read(store::firstTransitionAt)
                .map(earliest -> earliest.minusMillis(1).atZone(ZoneOffset.UTC).withDayOfMonth(1)
                        .truncatedTo(ChronoUnit.DAYS).toInstant())
                .orElseGet(() -> runInstants().get(0));
    }

    /**
     * Instants from {@code from} to {@code to} (both included when they fall on the step), {@code step} apart in UTC.
     */
    public static List<Instant> every(Instant from, Instant to, Period step) {
        requireOrdered(from, to);
        List<Instant> instants = new ArrayList<>();
        for (ZonedDateTime t = from.atZone(ZoneOffset.UTC); !t.toInstant().isAfter(to); t = t.plus(step)) {
            instants.add(t.toInstant());
        }
        return instants;
    }

    /** Every KPI of the period from {@code from} to {@code to}, with customers per stage at each snapshot. */
    public LifecycleReport report(Instant from, Instant to, List<Instant> snapshots) {
        return report(from, to, snapshots, null);
    }

    /**
     * Every KPI of the period from {@code from} to {@code to}, with customers per stage at each snapshot, and the
     * scorecard of each calendar period of length {@code every} within it (months, quarters or years, UTC; the first
     * and last cut to the report's period) side by side, each measure with its change from the period before; none
     * when {@code every} is null. The facts and the transitions are each read once for all periods.
     */
    public LifecycleReport report(Instant from, Instant to, List<Instant> snapshots, Period every) {
        requireOrdered(from, to);
        List<Instant[]> periods = new ArrayList<>();
        periods.add(new Instant[] {from, to});
        if (every != null) {
            periods.addAll(periods(from, to, every));
        }
        ValueScan values = ValueScan.of(stages, tiers, periods.stream().map(period -> period[1]).toList());
        List<HistoryScan> histories = read(() -> HistoryScan.read(store, stages, periods, snapshots, values::move));
        HistoryScan history = histories.get(0);
        FactScan facts = read(() -> FactScan.read(store, events, tiers, periods, values));
        FactScan.Roles roles = FactScan.Roles.of(stages);
        TransitionMatrix transitions = transitions(history, from, to);
        StageRates rates = rates(history, transitions);
        List<PeriodRates> compared = new ArrayList<>();
        for (int i = 1; i < periods.size(); i++) {
            Instant periodFrom = periods.get(i)[0];
            Instant periodTo = periods.get(i)[1];
            HistoryScan periodHistory = histories.get(i);
            List<Kpi> kpis = facts.scorecard(i, roles,
                    rates(periodHistory, transitions(periodHistory, periodFrom, periodTo)));
            List<Kpi> before = compared.isEmpty() ? kpis : compared.get(compared.size() - 1).kpis();
            compared.add(new PeriodRates(periodFrom, periodTo, compared.isEmpty() ? kpis
                    : IntStream.range(0, kpis.size()).mapToObj(k -> kpis.get(k).since(before.get(k))).toList(),
                    values.profiles(periodTo)));
        }
        return new LifecycleReport(from, to, stages, snapshots.stream().sorted().map(history::countsAt).toList(),
                transitions, history.moves(), rates, facts.scorecard(0, roles, rates), durations(history, to),
                values.profiles(to), compared, uplift(from, to));
    }

    /**
     * Per action that names an outcome: the customers first due it after {@code from} whose outcome window ended by
     * {@code to}, treated against held out, how many of each reached the outcome within the window, and the uplift
     * with its 95 % confidence interval (see {@link ActionUplift}). Its reads grow with the actions stored and the
     * facts and transitions of the customers due them.
     */
    public List<ActionUplift> uplift(Instant from, Instant to) {
        requireOrdered(from, to);
        return read(() -> ActionOutcomes.measure(store, actions, from, to));
    }

    /**
     * The stage counts at {@code to} and the scorecard from {@code from} to {@code to}, broken down by a declared
     * attribute's value as of {@code to}: the {@code top} values with most customers, the other values together, and
     * the customers without a value. One read of the facts (each customer's value and their scorecard tallies, one
     * tally per value seen) and one of the transitions (routed to each customer's group), so its time grows with the
     * facts and transitions read; memory holds each customer's group and a tally per value.
     *
     * @param read how the attribute's value is read from a customer's facts (see {@code MetricsCalculator#attribute})
     */
    public AttributeBreakdown breakdown(String attribute, MetricsCalculator.AttributeRead read, Instant from,
                                        Instant to, int top) {
        requireOrdered(from, to);
        if (top < 1) {
            throw new ReportException("LS-REPORT-0007", "a breakdown shows at least one value, not " + top);
        }
        Map<String, String> valueOf = new HashMap<>();
        Map<String, FactScan> byValue = new HashMap<>();
        Map<String, Long> customers = new HashMap<>();
        long end = to.toEpochMilli();
        read(() -> {
            store.allFacts(EVERY_EVENT, (customer, facts) -> {
                String value = Objects.requireNonNullElse(read.valueOf(facts, to), NO_VALUE);
                valueOf.put(customer, value);
                byValue.computeIfAbsent(value, v -> FactScan.of(events, tiers, from, to)).add(facts);
                if (MetricsTimeline.timeOf(facts.get(0)) <= end) {
                    customers.merge(value, 1L, Long::sum);
                }
            });
            return null;
        });
        List<String> shown = customers.entrySet().stream().filter(e -> !e.getKey().equals(NO_VALUE))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top).map(Map.Entry::getKey).toList();
        Map<String, String> groupOf = new HashMap<>();
        byValue.keySet().forEach(value -> groupOf.put(value, value.equals(NO_VALUE) || shown.contains(value) ? value
                : OTHER_VALUES));
        List<String> groups = new ArrayList<>(shown);
        if (groupOf.containsValue(OTHER_VALUES)) {
            groups.add(OTHER_VALUES);
        }
        groups.add(NO_VALUE);
        Map<String, FactScan> facts = new HashMap<>();
        Map<String, Long> groupCustomers = new HashMap<>();
        byValue.forEach((value, scan) -> {
            facts.computeIfAbsent(groupOf.get(value), g -> FactScan.of(events, tiers, from, to)).addAll(scan);
            groupCustomers.merge(groupOf.get(value), customers.getOrDefault(value, 0L), Long::sum);
        });
        Map<String, HistoryScan> histories = read(() -> HistoryScan.readGrouped(store, stages, from, to, groups,
                customer -> groupOf.getOrDefault(valueOf.getOrDefault(customer, NO_VALUE), NO_VALUE)));
        FactScan.Roles roles = FactScan.Roles.of(stages);
        List<AttributeBreakdown.Group> rows = new ArrayList<>();
        for (String group : groups) {
            HistoryScan history = histories.get(group);
            StageCounts counts = history.countsAt(to);
            long seen = groupCustomers.getOrDefault(group, 0L);
            if (seen == 0 && counts.total() == 0) {
                continue;
            }
            FactScan scan = facts.getOrDefault(group, FactScan.of(events, tiers, from, to));
            AttributeBreakdown.Kind kind = group.equals(NO_VALUE) ? AttributeBreakdown.Kind.NONE
                    : group.equals(OTHER_VALUES) ? AttributeBreakdown.Kind.OTHER : AttributeBreakdown.Kind.VALUE;
            rows.add(new AttributeBreakdown.Group(kind == AttributeBreakdown.Kind.VALUE ? group : null, kind, seen,
                    counts, scan.scorecard(0, roles, rates(history, transitions(history, from, to)))));
        }
        return new AttributeBreakdown(attribute, from, to, stages, rows);
    }

    /** The calendar periods of length {@code every} from {@code from} to {@code to}, each as its start and end. */
    private static List<Instant[]> periods(Instant from, Instant to, Period every) {
        if (every.toTotalMonths() < 1 || every.getDays() != 0) {
            throw new ReportException("LS-REPORT-0006", "periods are whole months, quarters or years, not " + every);
        }
        int months = (int) every.toTotalMonths();
        ZonedDateTime start = from.atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        start = start.withMonth(1).plusMonths((start.getMonthValue() - 1) / months * months);
        List<Instant[]> periods = new ArrayList<>();
        for (; start.toInstant().isBefore(to); start = start.plusMonths(months)) {
            Instant end = start.plusMonths(months).toInstant();
            periods.add(new Instant[] {start.toInstant().isBefore(from) ? from : start.toInstant(),
                end.isAfter(to) ? to : end});
        }
        return periods;
    }

    /**
     * What one customer is worth as of an instant: their RFM scores against the scales of the store's buyers measured
     * as of {@code asOf} (recency in days up to {@code asOf}), and the tier, orders, revenue and average order value of
     * their last evaluation with their lifetime value from those as of {@code asOf}. Reads that customer's row.
     *
     * @param scales the RFM scales of the store's buyers ({@link StageStore#rfmScales}) as of any instant
     */
    public static CustomerValue customerValue(StageStore store, RfmScales scales, TierPolicy tiers, String customerId,
                                              Instant asOf) {
        return read(store, () -> store.customerValue(customerId))
                .map(row -> value(row, tiers, scales.asOf(asOf.toEpochMilli()), asOf))
                .orElseGet(() -> new CustomerValue(customerId, asOf, null, 0, 0, 0, "none", 0, 0, null, 0));
    }

    private static CustomerValue value(StageStore.CustomerValueRow row, TierPolicy tiers, RfmScales scales,
                                       Instant asOf) {
        OrderValue orders = row.orders();
        RfmScales.Scores scores = row.buyer() == null ? new RfmScales.Scores(0, 0, 0) : scales.score(row.buyer());
        return new CustomerValue(row.customerId(), asOf, row.stage(), scores.recency(), scores.frequency(),
                scores.monetary(), row.valueTier(), orders.orders(), orders.revenue(), orders.averageOrderValue(),
                orders.lifetimeValue(tiers, asOf.toEpochMilli()));
    }

    /** Customers per stage at an instant. */
    public StageCounts countsAt(Instant at) {
        return history(at, at, List.of()).countsAt(at);
    }

    /** Where the customers of each stage at {@code from} are at {@code to}. */
    public TransitionMatrix transitions(Instant from, Instant to) {
        requireOrdered(from, to);
        return transitions(history(from, to, List.of()), from, to);
    }

    private TransitionMatrix transitions(HistoryScan history, Instant from, Instant to) {
        List<TransitionMatrix.Cell> counted = history.cells();
        Map<String, Long> rows = new HashMap<>();
        counted.forEach(cell -> rows.merge(String.valueOf(cell.from()), cell.count(), Long::sum));
        Comparator<String> byOrder = Comparator.nullsLast(Comparator.comparingInt(stages.order()::indexOf));
        List<TransitionMatrix.Cell> cells = counted.stream()
                .sorted(Comparator.comparing(TransitionMatrix.Cell::from, byOrder)
                        .thenComparing(TransitionMatrix.Cell::to, byOrder))
                .map(c -> new TransitionMatrix.Cell(c.from(), c.to(), c.count(),
                        ratio(c.count(), rows.get(String.valueOf(c.from())))))
                .toList();
        long regressions = 0;
        long churned = 0;
        long reactivated = 0;
        for (TransitionMatrix.Cell cell : cells) {
            boolean fromChurn = cell.from() != null && cell.from().equals(stages.churnStage());
            boolean toChurn = cell.to().equals(stages.churnStage());
            if (cell.from() != null && !fromChurn && !toChurn
                    && stages.order().indexOf(cell.to()) < stages.order().indexOf(cell.from())) {
                regressions += cell.count();
            } else if (cell.from() != null && !fromChurn && toChurn) {
                churned += cell.count();
            } else if (fromChurn && !toChurn) {
                reactivated += cell.count();
            }
        }
        return new TransitionMatrix(from, to, cells, regressions, churned, reactivated);
    }

    /** Moves into and out of each stage after {@code from}, up to and including {@code to}. */
    public List<StageFlow> moves(Instant from, Instant to) {
        requireOrdered(from, to);
        return history(from, to, List.of()).moves();
    }

    /** Funnel conversion, retention and churn over the period of a transition matrix. */
    public StageRates rates(TransitionMatrix period) {
        return rates(history(period.from(), period.to(), List.of()), period);
    }

    private StageRates rates(HistoryScan history, TransitionMatrix period) {
        List<String> funnel = stages.funnel();
        long[] furthest = history.furthest();
        List<StageRates.FunnelStep> steps = new ArrayList<>();
        long reached = 0;
        long[] atLeast = new long[funnel.size()];
        for (int i = funnel.size() - 1; i >= 0; i--) {
            reached += furthest[i];
            atLeast[i] = reached;
        }
        for (int i = 0; i < funnel.size(); i++) {
            steps.add(new StageRates.FunnelStep(funnel.get(i), atLeast[i],
                    i == 0 ? 1.0 : ratio(atLeast[i], atLeast[i - 1]), ratio(atLeast[i], atLeast[0])));
        }
        long atStart = 0;
        long retained = 0;
        long churned = 0;
        for (TransitionMatrix.Cell cell : period.cells()) {
            if (stages.isCustomer(cell.from())) {
                atStart += cell.count();
                retained += stages.isCustomer(cell.to()) ? cell.count() : 0;
                churned += cell.to().equals(stages.churnStage()) ? cell.count() : 0;
            }
        }
        String lead = stages.leadStage();
        StageRates.LeadConversion leads = lead == null ? null : new StageRates.LeadConversion(lead, history.leads(),
                history.convertedLeads(), ratio(history.convertedLeads(), history.leads()),
                days(history.medianConversionMillis()));
        return new StageRates(steps, atStart, retained, churned, ratio(retained, atStart), ratio(churned, atStart),
                leads);
    }

    /** Time spent in each stage: stays that ended in the period, and customers still in it at its end. */
    public List<StageDuration> durations(Instant from, Instant to) {
        requireOrdered(from, to);
        return durations(history(from, to, List.of()), to);
    }

    private List<StageDuration> durations(HistoryScan history, Instant to) {
        StageCounts ongoing = history.countsAt(to);
        return stages.order().stream().map(stage -> {
            return new StageDuration(stage, history.completedStays(stage), days(history.medianMillis(stage)),
                    ongoing.count(stage));
        }).toList();
    }

    /** Milliseconds as days, unrounded: each rendering rounds once, to its own precision. */
    private static Double days(Double millis) {
        return millis == null ? null : millis / (double) Days.MILLIS;
    }

    /**
     * RFM scores and value tiers of the customers in each stage at {@code asOf}, the RFM segment × value tier
     * cross-table, and the revenue and lifetime value per tier, all as of {@code asOf}: from one read of the applied
     * transitions and one of the facts (see {@link #report}).
     */
    public List<StageProfile> profiles(Instant asOf) {
        ValueScan values = ValueScan.of(stages, tiers, List.of(asOf));
        read(() -> {
            store.appliedMoves(values::move);
            store.allFacts(values.events(), values::add);
            return null;
        });
        return values.profiles(asOf);
    }

    /**
     * The customers in a stage at an instant, by customer id: those after {@code after} (null or empty: from the
     * first), at most {@code limit}, each with when they entered the stage and when they left it, if they did.
     */
    public MemberPage members(String stage, Instant at, String after, int limit) {
        requireStage(stage);
        if (limit < 1) {
            throw new ReportException("LS-REPORT-0005", "a page holds at least one customer, not " + limit);
        }
        List<Stay> page = read(() -> store.members(stage, at, after, limit + 1)).stream()
                .map(member -> new Stay(member.customerId(), stage, member.entered(), member.exited())).toList();
        boolean more = page.size() > limit;
        List<Stay> customers = more ? page.subList(0, limit) : page;
        return new MemberPage(stage, at, countsAt(at).count(stage), customers,
                more ? customers.get(limit - 1).customerId() : null, List.of(), null);
    }

    /**
     * A page of the customers now in one of the report's stages by {@code ranking}, with what each is worth as of
     * {@code asOf}, after one read of three columns of the buyers' rows for the RFM scales; see
     * {@link #ranked(StageStore, RfmScales, TierPolicy, String, StageStore.Ranking, Instant, int, int)}.
     */
    public MemberPage ranked(String stage, StageStore.Ranking ranking, Instant asOf, int page, int limit) {
        requireStage(stage);
        return ranked(store, read(() -> store.rfmScales(asOf)), tiers, stage, ranking, asOf, page, limit);
    }

    private void requireStage(String stage) {
        if (!stages.order().contains(stage)) {
            throw new ReportException("LS-REPORT-0002", "stage '" + stage + "' is not one of " + stages.order());
        }
    }

    /**
     * Page {@code page} (from 1) of {@code limit} customers now in a stage by {@code ranking} (ties by id, so pages
     * asked as of the same instant follow each other without gap or repeat while no run changes the stage), each with
     * what they are worth as of {@code asOf} (see {@link #customerValue}): one sorted read of the stage's customer
     * rows, which hold what the value views need.
     *
     * @param scales the RFM scales of the store's buyers ({@link StageStore#rfmScales}) as of any instant
     */
    public static MemberPage ranked(StageStore store, RfmScales scales, TierPolicy tiers, String stage,
                                    StageStore.Ranking ranking, Instant asOf, int page, int limit) {
        if (limit < 1) {
            throw new ReportException("LS-REPORT-0005", "a page holds at least one customer, not " + limit);
        }
        if (page < 1) {
            throw new ReportException("LS-REPORT-0007", "pages are numbered from 1, not " + page);
        }
        RfmScales measured = scales.asOf(asOf.toEpochMilli());
        List<StageStore.CustomerValueRow> rows = read(store, () -> store.ranked(stage, ranking, measured.bounds(),
                (long) (page - 1) * limit, limit + 1));
        boolean more = rows.size() > limit;
        List<StageStore.CustomerValueRow> shown = more ? rows.subList(0, limit) : rows;
        long total = read(store, () -> store.stageCounts().getOrDefault(stage, 0L));
        return new MemberPage(stage, asOf, total,
                shown.stream().map(row -> new Stay(row.customerId(), stage, row.since(), null)).toList(), null,
                shown.stream().map(row -> value(row, tiers, measured, asOf)).toList(), more ? page + 1 : null);
    }

    private static void requireOrdered(Instant from, Instant to) {
        if (from.isAfter(to)) {
            throw new ReportException("LS-REPORT-0004", "the period starts at " + from + ", after its end " + to);
        }
    }

    /** The applied transitions read once for a period and its snapshots (see {@link HistoryScan#read}). */
    private HistoryScan history(Instant from, Instant to, List<Instant> snapshots) {
        return read(() -> HistoryScan.read(store, stages, from, to, snapshots));
    }

    /** A read of the store, whose failure is the report's: {@code LS-REPORT-0003} with the database's reason. */
    private <T> T read(Supplier<T> read) {
        return read(store, read);
    }

    private static <T> T read(StageStore store, Supplier<T> read) {
        try {
            return read.get();
        } catch (StoreException e) {
            throw new ReportException("LS-REPORT-0003", "cannot read the stage store " + store.url() + ": "
                    + e.getCause().getMessage(), e);
        }
    }

    /**
     * An amount of money to the cent: sums of amounts differ in their last bits with the order they were added in,
     * which the database chooses.
     */
    static double cents(double amount) {
        return Math.round(amount * 100) / 100.0;
    }

    /** {@code part / whole} to four decimals, 0 when {@code whole} is 0. */
    static double ratio(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
