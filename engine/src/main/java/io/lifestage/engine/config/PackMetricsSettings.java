package io.lifestage.engine.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured metric settings, with the extra events and the attributes a rule pack declares counted too (an
 * attribute configured outside the pack wins over the pack's of the same name).
 */
record PackMetricsSettings(MetricsSettings configured, List<String> packEvents, Map<String, String> packAttributes)
        implements MetricsSettings {

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
    public Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>(packAttributes);
        attributes.putAll(configured.attributes());
        return attributes;
    }

    @Override
    public boolean renewalsAsPurchases() {
        return configured.renewalsAsPurchases();
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
