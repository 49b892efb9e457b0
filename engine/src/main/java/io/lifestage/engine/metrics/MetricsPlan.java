package io.lifestage.engine.metrics;

import io.lifestage.engine.config.AttributeSource;
import io.lifestage.engine.internal.Days;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a run counts, fixed for the run: the as-of instant, the windows, the tracked event names, the declared
 * attributes and whether renewals are purchases. Plans for other instants ({@link #at}) share the rest, so a walk
 * through many instants builds it once.
 */
final class MetricsPlan {


    final long asOf;
    final int[] windowDays;
    private final long[] windowMillis;
    private final Map<String, Integer> eventIndex;
    /** The declared attributes' names and sources, index for index; empty when none is declared. */
    final String[] attributeNames;
    final AttributeSource[] attributeSources;
    /**
     * Per declared attribute: for a count, the series its events are tallied in (after the tracked events') and the
     * index of its window; -1 for other attributes.
     */
    final int[] countSeries;
    final int[] countWindow;
    private final int series;
    final boolean renewalsArePurchases;

    /**
     * A plan with declared attributes (name → source) and, when {@code renewalsArePurchases}, renewals counted as
     * purchases.
     */
    MetricsPlan(Instant asOf, Collection<Integer> windows, List<String> extraEvents,
                Map<String, AttributeSource> attributes, boolean renewalsArePurchases) {
        this.asOf = asOf.toEpochMilli();
        this.windowDays = Stream.concat(windows.stream(), attributes.values().stream()
                        .filter(source -> source.kind() == AttributeSource.Kind.COUNT)
                        .map(AttributeSource::windowDays))
                .mapToInt(Integer::intValue).distinct().sorted().toArray();
        this.windowMillis = Arrays.stream(windowDays).mapToLong(days -> days * Days.MILLIS).toArray();
        Set<String> names = new LinkedHashSet<>(EventNames.VOCABULARY);
        extraEvents.stream().filter(name -> !name.isBlank()).forEach(names::add);
        Map<String, Integer> index = new HashMap<>();
        for (String name : names) {
            index.put(name, index.size());
        }
        this.eventIndex = Map.copyOf(index);
        this.attributeNames = attributes.keySet().toArray(String[]::new);
        this.attributeSources = attributes.values().toArray(AttributeSource[]::new);
        this.countSeries = new int[attributeSources.length];
        this.countWindow = new int[attributeSources.length];
        int series = eventIndex.size();
        for (int i = 0; i < attributeSources.length; i++) {
            boolean count = attributeSources[i].kind() == AttributeSource.Kind.COUNT;
            countSeries[i] = count ? series++ : -1;
            countWindow[i] = count ? windowIndex(attributeSources[i].windowDays()) : -1;
        }
        this.series = series;
        this.renewalsArePurchases = renewalsArePurchases;
    }

    private MetricsPlan(MetricsPlan plan, long asOf) {
        this.asOf = asOf;
        this.windowDays = plan.windowDays;
        this.windowMillis = plan.windowMillis;
        this.eventIndex = plan.eventIndex;
        this.attributeNames = plan.attributeNames;
        this.attributeSources = plan.attributeSources;
        this.countSeries = plan.countSeries;
        this.countWindow = plan.countWindow;
        this.series = plan.series;
        this.renewalsArePurchases = plan.renewalsArePurchases;
    }

    /** The same plan as of another instant. */
    MetricsPlan at(Instant instant) {
        return new MetricsPlan(this, instant.toEpochMilli());
    }

    /** Index of a tracked event name, or -1 for names counted as activity only. */
    int indexOf(String event) {
        Integer index = eventIndex.get(event);
        return index == null ? -1 : index;
    }

    /** The tracked event names. */
    Set<String> trackedNames() {
        return eventIndex.keySet();
    }

    /**
     * How many series of event times are tallied: one per tracked event name (its index), then one per count
     * attribute (see {@link #countSeries}).
     */
    int series() {
        return series;
    }

    /** The bucket of an event this old: the smallest window it falls in, or the number of windows if none. */
    int bucket(long ageMillis) {
        int i = 0;
        while (i < windowMillis.length && ageMillis >= windowMillis[i]) {
            i++;
        }
        return i;
    }

    /** Index of the window of this many days. */
    int window(int days) {
        int index = windowIndex(days);
        if (index < 0) {
            throw new IllegalArgumentException("no " + days + "-day window is counted; configured windows: "
                    + Arrays.stream(windowDays).mapToObj(String::valueOf).collect(Collectors.joining(","))
                    + " (add it to lifestage.metrics.windows, or name its threshold *-window-days)");
        }
        return index;
    }

    /** The length of the window of this index, in milliseconds. */
    long windowMillis(int window) {
        return windowMillis[window];
    }

    /** Index of a window of this many days, or -1 when none is counted. */
    int windowIndex(int days) {
        int index = Arrays.binarySearch(windowDays, days);
        return index < 0 ? -1 : index;
    }

    /** Whole days from an instant to as-of, or {@code NEVER} for {@link Long#MIN_VALUE}. */
    static int daysSince(long asOf, long epochMillis) {
        if (epochMillis == Long.MIN_VALUE) {
            return io.lifestage.api.rules.CustomerMetrics.NEVER;
        }
        return (int) Math.min(Integer.MAX_VALUE - 1, (asOf - epochMillis) / Days.MILLIS);
    }
}
