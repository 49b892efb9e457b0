package io.lifestage.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The configured metric settings, with the extra events a rule pack declares counted too. */
record PackMetricsSettings(MetricsSettings configured, List<String> packEvents) implements MetricsSettings {

    @Override
    public List<Integer> windows() {
        return configured.windows();
    }

    @Override
    public Optional<List<String>> extraEvents() {
        List<String> events = new ArrayList<>(configured.extraEvents().orElse(List.of()));
        packEvents.stream().filter(event -> !events.contains(event)).forEach(events::add);
        return Optional.of(events);
    }

    @Override
    public double mediumTierRevenue() {
        return configured.mediumTierRevenue();
    }

    @Override
    public double largeTierRevenue() {
        return configured.largeTierRevenue();
    }

    @Override
    public double clvYears() {
        return configured.clvYears();
    }
}
