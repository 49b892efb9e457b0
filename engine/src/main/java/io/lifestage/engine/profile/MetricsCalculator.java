package io.lifestage.engine.profile;

import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.MetricsSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Starts metric runs with the configured windows, tracked events and tiers. */
@ApplicationScoped
public class MetricsCalculator {

    private MetricsSettings settings;
    private ConfiguredThresholds thresholds;

    /** For CDI proxies. */
    protected MetricsCalculator() {
    }

    /** A calculator with these settings; windows are those configured plus the {@code *-window-days} thresholds. */
    @Inject
    public MetricsCalculator(MetricsSettings settings, ConfiguredThresholds thresholds) {
        this.settings = settings;
        this.thresholds = thresholds;
    }

    /** The windows events are counted in, in days: the configured ones and the {@code *-window-days} thresholds. */
    public Set<Integer> windows() {
        Set<Integer> windows = new TreeSet<>(settings.windows());
        windows.addAll(thresholds.windows());
        return windows;
    }

    /** A new, empty run as of the given instant. */
    public MetricsRun newRun(Instant asOf) {
        return new MetricsRun(
                new MetricsPlan(asOf, windows(), settings.extraEvents().orElse(List.of())),
                new TierPolicy(settings.mediumTierRevenue(), settings.largeTierRevenue(), settings.clvYears()));
    }
}
