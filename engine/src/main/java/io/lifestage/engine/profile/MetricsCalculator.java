package io.lifestage.engine.profile;

import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.MetricsSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Starts metric runs with the configured windows, tracked events and tiers. */
@ApplicationScoped
public class MetricsCalculator {

    private Set<Integer> windows;
    private MetricsPlan plan;
    private TierPolicy tiers;

    /** For CDI proxies. */
    protected MetricsCalculator() {
    }

    /** A calculator with these settings; windows are those configured plus the {@code *-window-days} thresholds. */
    @Inject
    public MetricsCalculator(MetricsSettings settings, ConfiguredThresholds thresholds) {
        Set<Integer> counted = new TreeSet<>(settings.windows());
        counted.addAll(thresholds.windows());
        this.windows = Collections.unmodifiableSet(counted);
        this.plan = new MetricsPlan(Instant.EPOCH, windows, settings.extraEvents().orElse(List.of()));
        this.tiers = new TierPolicy(settings.mediumTierRevenue(), settings.largeTierRevenue(), settings.clvYears());
    }

    /** The windows events are counted in, in days: the configured ones and the {@code *-window-days} thresholds. */
    public Set<Integer> windows() {
        return windows;
    }

    /**
     * A walk of customers' metrics through time, scoring RFM against these scales and telling where what the rules
     * read changes.
     */
    public MetricsTimeline timeline(TimeReads reads, RfmScales scales) {
        return new MetricsTimeline(plan, tiers, scales, reads);
    }

    /** A new, empty run as of the given instant. */
    public MetricsRun newRun(Instant asOf) {
        return new MetricsRun(plan.at(asOf), tiers);
    }
}
