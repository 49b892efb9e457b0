package io.lifestage.engine.config;

import io.lifestage.api.rules.Thresholds;
import java.util.Collections;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/** The {@code lifestage.threshold.*} keys of the configuration, as rules see them. */
public final class ConfiguredThresholds implements Thresholds {

    /** The configuration prefix of thresholds. */
    public static final String PREFIX = "lifestage.threshold.";
    private static final String WINDOW_SUFFIX = "-window-days";

    private final Map<String, Integer> values;

    private ConfiguredThresholds(Map<String, Integer> values) {
        this.values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /**
     * Reads every {@code lifestage.threshold.*} key. A key is found when any configuration source names it; its
     * value then comes from the source with the highest ordinal, so an environment variable such as
     * {@code LIFESTAGE_THRESHOLD_CHURN_INACTIVITY_DAYS} overrides the default.
     */
    public static ConfiguredThresholds from(Config config) {
        Map<String, Integer> values = new TreeMap<>();
        for (String key : config.getPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                String name = key.substring(PREFIX.length());
                try {
                    values.put(name, config.getValue(key, Integer.class));
                } catch (IllegalArgumentException | NoSuchElementException e) {
                    throw new InvalidConfigurationException("LS-CONF-0002", key,
                            "must be a whole number, got '" + config.getConfigValue(key).getValue() + "'");
                }
            }
        }
        return new ConfiguredThresholds(values);
    }

    /** Thresholds with exactly these values; for tests and embedding. */
    public static ConfiguredThresholds of(Map<String, Integer> values) {
        return new ConfiguredThresholds(values);
    }

    @Override
    public int get(String name) {
        Integer value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("unknown threshold '" + name + "': set " + PREFIX + name
                    + " (known: " + String.join(", ", values.keySet()) + ")");
        }
        return value;
    }

    /** The names of all configured thresholds. */
    public Set<String> names() {
        return values.keySet();
    }

    /** The values of thresholds whose names end in {@code -window-days}: the windows rules count events in. */
    public Set<Integer> windows() {
        Set<Integer> windows = new java.util.TreeSet<>();
        values.forEach((name, days) -> {
            if (name.endsWith(WINDOW_SUFFIX)) {
                windows.add(days);
            }
        });
        return windows;
    }
}
