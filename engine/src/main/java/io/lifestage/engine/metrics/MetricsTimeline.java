package io.lifestage.engine.metrics;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.engine.internal.Days;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.LongStream;

/**
 * One customer's metrics walked forward through time: {@link #start} a customer, {@link #add} their facts in time
 * order, and read their metrics {@link #at} any instant from their latest fact on. Everything is maintained as facts
 * arrive — counts enter a window with their fact and leave it a window later — so a walk over a customer's facts
 * and instants costs their sum, not their product.
 *
 * <p>It also tells where the rules could see a difference: {@link #nextChange} is the next instant at which a
 * day-counted metric that the rules compare crosses one of the values they compare it with (or leaves a window they
 * count in), and {@link #readsChangedAt} whether anything the rules read differs from the last instant it was asked
 * about. Between two such instants the rules decide the same. Not thread-safe: one per thread.
 */
public final class MetricsTimeline {


    private final MetricsPlan plan;
    private final TierPolicy tiers;
    private final RfmScales scales;
    private final boolean exact;
    /** Day values compared with each metric that is not per event. */
    private final long[] activityDays;
    private final long[] firstPurchaseDays;
    private final long[] lastPurchaseDays;
    /** Per tracked event index: the day values compared with its recency, and the windows counted (by index). */
    private final long[][] recencyDays;
    private final int[][] windows;

    private String customerId;
    private CustomerActivity activity;
    private boolean empty;
    private long latest;
    private long[] signature = new long[16];
    private long[] previous = new long[16];
    private int previousLength = -1;

    MetricsTimeline(MetricsPlan plan, TierPolicy tiers, RfmScales scales, TimeReads reads) {
        this.plan = plan;
        this.tiers = tiers;
        this.scales = scales;
        this.exact = reads.exact();
        List<TimeReads.Read> all = reads.exact() ? everything(reads) : reads.reads();
        this.activityDays = days(all, TimeReads.Metric.DAYS_SINCE_LAST_ACTIVITY, null);
        this.firstPurchaseDays = days(all, TimeReads.Metric.DAYS_SINCE_FIRST_PURCHASE, null);
        this.lastPurchaseDays = days(all, TimeReads.Metric.DAYS_SINCE_LAST_PURCHASE, null);
        this.recencyDays = new long[plan.series()][];
        this.windows = new int[plan.series()][];
        for (String event : plan.trackedNames()) {
            int index = plan.indexOf(event);
            recencyDays[index] = days(all, TimeReads.Metric.DAYS_SINCE_LAST_EVENT, event);
            windows[index] = all.stream()
                    .filter(read -> read.metric() == TimeReads.Metric.COUNT_WITHIN)
                    .filter(read -> read.event() == null || read.event().equals(event))
                    .mapToInt(read -> plan.windowIndex(read.days())).filter(window -> window >= 0)
                    .distinct().sorted().toArray();
        }
        // A count attribute's value is read by the rules as it is: every exit from its window may change a decision.
        for (int i = 0; i < plan.countSeries.length; i++) {
            if (plan.countSeries[i] >= 0) {
                recencyDays[plan.countSeries[i]] = new long[0];
                windows[plan.countSeries[i]] = new int[] {plan.countWindow[i]};
            }
        }
    }

    /** With continuous reads, every day-counted metric with every day value, for any event. */
    private static List<TimeReads.Read> everything(TimeReads reads) {
        TreeSet<Integer> days = new TreeSet<>();
        reads.reads().forEach(read -> days.add(read.days()));
        List<TimeReads.Read> all = new ArrayList<>();
        for (TimeReads.Metric metric : TimeReads.Metric.values()) {
            days.forEach(value -> all.add(new TimeReads.Read(metric, null, value)));
        }
        return all;
    }

    /**
     * The millisecond offsets from an anchor at which a metric compared with these day values changes what a
     * comparison says: at {@code d} and {@code d + 1} days ({@code >= d} and {@code > d}), sorted.
     */
    private static long[] days(List<TimeReads.Read> reads, TimeReads.Metric metric, String event) {
        return reads.stream()
                .filter(read -> read.metric() == metric && (read.event() == null || read.event().equals(event)))
                .filter(read -> read.days() >= 0)
                .flatMapToLong(read -> LongStream.of(read.days() * Days.MILLIS, (read.days() + 1) * Days.MILLIS))
                .distinct().sorted().toArray();
    }

    /** Starts the walk of another customer, with no fact yet. */
    public void start(String customerId) {
        this.customerId = customerId;
        this.activity = new CustomerActivity(plan, true);
        this.empty = true;
        this.latest = Long.MIN_VALUE;
        this.previousLength = -1;
    }

    /**
     * Adds the customer's next fact.
     *
     * @throws IllegalArgumentException when it is earlier than the latest fact added
     */
    public void add(Fact fact) {
        long at = timeOf(fact);
        if (at < latest) {
            throw new IllegalArgumentException("facts of customer " + customerId + " must come in time order");
        }
        latest = at;
        empty = false;
        if (fact instanceof Event event) {
            activity.add(event, at);
        } else {
            activity.profile((CustomerProfile) fact, at);
        }
    }

    /** The instant of a fact. */
    public static long timeOf(Fact fact) {
        return fact instanceof Event event ? event.timestamp().toEpochMilli()
                : ((CustomerProfile) fact).updatedAt().toEpochMilli();
    }

    /** Whether no fact was added since {@link #start}. */
    public boolean isEmpty() {
        return empty;
    }

    /** The customer's metrics as of an instant no earlier than their latest fact. */
    public CustomerMetrics at(long instant) {
        return activity.metrics(customerId, instant, scales, tiers);
    }

    /** What the customer's orders added so far are worth. */
    public OrderValue orderValue() {
        return activity.orderValue();
    }

    /**
     * The earliest instant after {@code after} at which, with no new fact, a metric the rules compare crosses a value
     * they compare it with; {@link Long#MAX_VALUE} when none will.
     */
    public long nextChange(long after) {
        long next = Long.MAX_VALUE;
        next = Math.min(next, crossing(activity.lastEvent(), activityDays, after));
        if (activity.purchases() > 0) {
            next = Math.min(next, crossing(activity.firstPurchase, firstPurchaseDays, after));
            next = Math.min(next, crossing(activity.lastPurchase, lastPurchaseDays, after));
        }
        for (int index = 0; index < recencyDays.length; index++) {
            long last = activity.lastAt(index);
            if (last == CustomerActivity.NONE) {
                continue;
            }
            next = Math.min(next, crossing(last, recencyDays[index], after));
            for (int window : windows[index]) {
                next = Math.min(next, activity.nextExit(index, window, after));
            }
        }
        return next;
    }

    private static long crossing(long anchor, long[] offsets, long after) {
        if (anchor == CustomerActivity.NONE) {
            return Long.MAX_VALUE;
        }
        for (long offset : offsets) {
            if (anchor + offset > after) {
                return anchor + offset;
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * Whether anything the rules read differs at this instant from the last instant asked about (always true at the
     * first instant asked about since {@link #start}, and always when the rules read continuous values).
     */
    public boolean readsChangedAt(long instant) {
        int length = 0;
        long revenueBits = Double.doubleToLongBits(activity.revenue);
        length = put(length, activity.orders);
        length = put(length, activity.subscriptionStarts);
        length = put(length, activity.subscriptionRenewals);
        length = put(length, activity.attributeChanges);
        length = put(length, revenueBits);
        length = put(length, activity.lastPurchase);
        length = put(length, activity.stateBits());
        length = put(length, bands(activity.lastEvent(), activityDays, instant));
        if (activity.purchases() > 0) {
            length = put(length, bands(activity.firstPurchase, firstPurchaseDays, instant));
            length = put(length, bands(activity.lastPurchase, lastPurchaseDays, instant));
        }
        for (int index = 0; index < recencyDays.length; index++) {
            long last = activity.lastAt(index);
            if (last == CustomerActivity.NONE || recencyDays[index].length + windows[index].length == 0) {
                continue;
            }
            length = put(length, index);
            length = put(length, bands(last, recencyDays[index], instant));
            for (int window : windows[index]) {
                length = put(length, activity.countWithin(index, window, instant));
            }
        }
        boolean changed = exact || length != previousLength
                || !Arrays.equals(signature, 0, length, previous, 0, length);
        long[] swap = previous;
        previous = signature;
        signature = swap;
        previousLength = length;
        return changed;
    }

    /** How many of the offsets from the anchor the instant has reached. */
    private static long bands(long anchor, long[] offsets, long instant) {
        if (anchor == CustomerActivity.NONE) {
            return -1;
        }
        int reached = 0;
        while (reached < offsets.length && instant - anchor >= offsets[reached]) {
            reached++;
        }
        return reached;
    }

    private int put(int length, long value) {
        if (length == signature.length) {
            signature = Arrays.copyOf(signature, length * 2);
        }
        signature[length] = value;
        return length + 1;
    }
}
