package io.lifestage.engine.report;

import io.lifestage.engine.store.StageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the report needs from the recorded transitions, gathered in one read of the applied ones in customer and time
 * order, so its cost grows with the transitions, not with transitions times customers or times snapshots. Each
 * customer's moves are cut into stays (from a move to the customer's next move, or open); a stay counts at every
 * snapshot it covers through a per-stage difference array indexed by snapshot. Memory holds one customer at a time,
 * a few counters per stage and snapshot, and the length of each stay that ended in the period (for its median).
 *
 * <p>Order and ties are those of {@code StageStore.history}: by instant, then transition id; of two moves at the
 * same instant the first makes a stay of no length.
 */
final class HistoryScan {

    private static final int NONE = -1;

    private final List<String> order;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[] funnelPosition;
    private final long from;
    private final long to;
    private final long[] snapshots;
    private final long[][] snapshotDelta;
    private final long[][] matrix;
    private final long[] furthest;
    private final long[] entered;
    private final long[] exited;
    private final LongList[] completed;
    /** The lead stage's index, or {@link #NONE}; whether each stage is a customer's. */
    private final int lead;
    private final boolean[] customerStage;
    private long leads;
    private final LongList conversions = new LongList();

    private String customer;
    private int stage;
    private long since;
    private int atFrom;
    private int atTo;
    private int reached;
    private boolean wasLead;
    private boolean converted;

    private HistoryScan(ReportStages stages, long from, long to, long[] snapshots) {
        this.order = stages.order();
        int count = order.size();
        for (int i = 0; i < count; i++) {
            index.put(order.get(i), i);
        }
        List<String> funnel = stages.funnel();
        this.funnelPosition = new int[count];
        for (int i = 0; i < count; i++) {
            String name = order.get(i);
            boolean churnAsCustomer = name.equals(stages.churnStage()) && stages.firstCustomerStage() != null;
            funnelPosition[i] = churnAsCustomer ? funnel.indexOf(stages.firstCustomerStage()) : funnel.indexOf(name);
        }
        this.from = from;
        this.to = to;
        this.snapshots = snapshots;
        this.snapshotDelta = new long[count][snapshots.length + 1];
        this.matrix = new long[count + 1][count];
        this.furthest = new long[funnel.size()];
        this.entered = new long[count];
        this.exited = new long[count];
        this.completed = new LongList[count];
        for (int i = 0; i < count; i++) {
            completed[i] = new LongList();
        }
        this.lead = stages.leadStage() == null ? NONE : index.get(stages.leadStage());
        this.customerStage = new boolean[count];
        for (int i = 0; i < count; i++) {
            customerStage[i] = stages.isCustomer(order.get(i));
        }
    }

    /**
     * Reads the applied transitions once for the period from {@code from} to {@code to} and customers per stage at
     * each of {@code snapshots} (and at {@code to}).
     */
    static HistoryScan read(StageStore store, ReportStages stages, Instant from, Instant to,
                            Collection<Instant> snapshots) {
        return read(store, stages, List.<Instant[]>of(new Instant[] {from, to}), snapshots,
                (customer, fromStage, toStage, at) -> { }).get(0);
    }

    /**
     * Reads the applied transitions once into a scan per period, each given as its start and end: the first with
     * customers per stage at each of {@code snapshots} (and at its end), the others at their end only; each
     * transition also goes to {@code also} in the same read. So a report's calendar periods cost one read of the
     * transitions in all, not one each.
     */
    static List<HistoryScan> read(StageStore store, ReportStages stages, List<Instant[]> periods,
                                  Collection<Instant> snapshots, StageStore.MoveReader also) {
        List<HistoryScan> scans = new ArrayList<>(periods.size());
        for (Instant[] period : periods) {
            long[] instants = Stream.concat(scans.isEmpty() ? snapshots.stream() : Stream.of(), Stream.of(period[1]))
                    .mapToLong(Instant::toEpochMilli).sorted().distinct().toArray();
            scans.add(new HistoryScan(stages, period[0].toEpochMilli(), period[1].toEpochMilli(), instants));
        }
        store.appliedMoves((customer, fromStage, toStage, at) -> {
            for (HistoryScan scan : scans) {
                scan.move(customer, fromStage, toStage, at);
            }
            also.move(customer, fromStage, toStage, at);
        });
        scans.forEach(HistoryScan::endCustomer);
        return scans;
    }

    /**
     * Reads the applied transitions once into one scan per group of customers, each for the period from {@code from}
     * to {@code to} with customers per stage at {@code to}: {@code groupOf} names a customer's group, one of
     * {@code groups}. A customer's moves are contiguous in the read, so each scan sees whole customers.
     */
    static Map<String, HistoryScan> readGrouped(StageStore store, ReportStages stages, Instant from, Instant to,
                                                Collection<String> groups, Function<String, String> groupOf) {
        Map<String, HistoryScan> scans = new LinkedHashMap<>();
        for (String group : groups) {
            scans.put(group, new HistoryScan(stages, from.toEpochMilli(), to.toEpochMilli(),
                    new long[] {to.toEpochMilli()}));
        }
        store.appliedMoves((customer, fromStage, toStage, at) -> scans.get(groupOf.apply(customer))
                .move(customer, fromStage, toStage, at));
        scans.values().forEach(HistoryScan::endCustomer);
        return scans;
    }

    private void move(String customerId, String fromStage, String toStage, Instant instant) {
        long at = instant.toEpochMilli();
        if (!customerId.equals(customer)) {
            endCustomer();
            customer = customerId;
            atFrom = NONE;
            atTo = NONE;
            reached = NONE;
            wasLead = false;
            converted = false;
        } else {
            endLeadStay(at, index.get(toStage));
            endStay(at);
        }
        stage = index.get(toStage);
        since = at;
        if (at > from && at <= to) {
            entered[stage]++;
            Integer left = fromStage == null ? null : index.get(fromStage);
            if (left != null) {
                exited[left]++;
            }
            reached = Math.max(reached, funnelPosition[stage]);
        }
    }

    /**
     * Counts the current stay toward the lead conversion rate if it is in the lead stage and covers an instant of the
     * period, as a conversion if it ends there with a move to a customer stage.
     */
    private void endLeadStay(long at, int next) {
        if (stage != lead || since > to || at <= from) {
            return;
        }
        wasLead = true;
        if (at <= to && customerStage[next] && !converted) {
            converted = true;
            conversions.add(at - since);
        }
    }

    /** Ends the customer's current stay at {@code at}, the instant of their next move. */
    private void endStay(long at) {
        cover(since, at);
        if (since <= from && from < at) {
            atFrom = stage;
        }
        if (since <= to && to < at) {
            atTo = stage;
        }
        if (at > from && at <= to) {
            completed[stage].add(at - since);
        }
    }

    private void endCustomer() {
        if (customer == null) {
            return;
        }
        cover(since, Long.MAX_VALUE);
        if (since <= from) {
            atFrom = stage;
        }
        if (since <= to) {
            atTo = stage;
        }
        if (atTo != NONE) {
            matrix[atFrom == NONE ? order.size() : atFrom][atTo]++;
        }
        if (atFrom != NONE) {
            reached = Math.max(reached, funnelPosition[atFrom]);
        }
        if (reached != NONE) {
            furthest[reached]++;
        }
        if (wasLead || stage == lead && since <= to) {
            leads++;
        }
    }

    /** Counts the current stay, from {@code start} to before {@code end}, at the snapshots it covers. */
    private void cover(long start, long end) {
        snapshotDelta[stage][firstAtOrAfter(start)]++;
        snapshotDelta[stage][firstAtOrAfter(end)]--;
    }

    private int firstAtOrAfter(long instant) {
        int found = Arrays.binarySearch(snapshots, instant);
        return found >= 0 ? found : -found - 1;
    }

    /** Customers per stage at one of the snapshots, every stage in order (zeros included). */
    StageCounts countsAt(Instant at) {
        int snapshot = Arrays.binarySearch(snapshots, at.toEpochMilli());
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < order.size(); i++) {
            long inStage = 0;
            for (int k = 0; k <= snapshot; k++) {
                inStage += snapshotDelta[i][k];
            }
            counts.put(order.get(i), inStage);
            total += inStage;
        }
        return new StageCounts(at, total, counts);
    }

    /** The non-empty cells of the matrix from the period's start to its end, rates not yet set. */
    List<TransitionMatrix.Cell> cells() {
        List<TransitionMatrix.Cell> cells = new ArrayList<>();
        for (int row = 0; row <= order.size(); row++) {
            for (int column = 0; column < order.size(); column++) {
                if (matrix[row][column] > 0) {
                    cells.add(new TransitionMatrix.Cell(row == order.size() ? null : order.get(row),
                            order.get(column), matrix[row][column], 0));
                }
            }
        }
        return cells;
    }

    /** Customers whose furthest funnel stage in the period is at each funnel position. */
    long[] furthest() {
        return furthest.clone();
    }

    /** Moves into and out of each stage in the period. */
    List<StageFlow> moves() {
        List<StageFlow> moves = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            moves.add(new StageFlow(order.get(i), entered[i], exited[i]));
        }
        return moves;
    }

    /** How many stays of a stage ended in the period. */
    long completedStays(String stageName) {
        return completed[index.get(stageName)].size;
    }

    /**
     * The median length in milliseconds of the stays of a stage that ended in the period, interpolated between the
     * two middle lengths when their number is even (as SQL's {@code PERCENTILE_CONT(0.5)}); null when none did.
     */
    Double medianMillis(String stageName) {
        return median(completed[index.get(stageName)]);
    }

    /** Customers in the lead stage at some instant of the period (0 when the stages have no lead stage). */
    long leads() {
        return leads;
    }

    /** Of the {@link #leads}, customers who moved from the lead stage to a customer stage in the period. */
    long convertedLeads() {
        return conversions.size;
    }

    /** The median time in milliseconds from entering the lead stage to becoming a customer, null when none did. */
    Double medianConversionMillis() {
        return median(conversions);
    }

    private static Double median(LongList lengths) {
        if (lengths.size == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(lengths.values, lengths.size);
        Arrays.sort(sorted);
        int middle = (sorted.length - 1) / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : sorted[middle] + (sorted[middle + 1] - sorted[middle]) / 2.0;
    }

    /** A growable array of longs: a boxed list would take five times the memory for the same lengths. */
    private static final class LongList {
        private long[] values = new long[16];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }
}
