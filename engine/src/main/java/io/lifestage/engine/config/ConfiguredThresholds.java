package io.lifestage.engine.config;

import io.lifestage.api.rules.Thresholds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * The {@code lifestage.threshold.*} keys of the configuration, as rules see them, with where each was set. A value
 * that is not a whole number of 0 or more is not a threshold: it is {@linkplain #refused() refused}, so the rule pack
 * check can list it with every other problem.
 *
 * <p>A rule pack may carry its own thresholds in a {@value #PACK_FILE} beside its rules ({@link #withPack}): they
 * replace the engine's defaults, and a value chosen in configuration (a file, the environment, a system property, the
 * command line) still replaces them.
 */
public final class ConfiguredThresholds implements Thresholds {

    /** The configuration prefix of thresholds. */
    public static final String PREFIX = "lifestage.threshold.";
    private static final String WINDOW_SUFFIX = "-window-days";
    private static final String DEFAULTS_FILE = "META-INF/microprofile-config.properties";
    /** The file of a rule pack holding the pack's own thresholds, as {@code lifestage.threshold.*} keys. */
    public static final String PACK_FILE = PackFile.NAME;

    /**
     * Where a value was set, as people name it: a file, an environment variable, a system property, the command line
     * or the engine's defaults; {@code line} is 0 when the source has no lines.
     */
    public record Origin(String source, int line) {

        static final Origin GIVEN = new Origin("thresholds given in code", 0);

        static Origin of(ConfigValue value) {
            String name = String.valueOf(value.getSourceName())
                    .replaceFirst("^PropertiesConfigSource\\[source=(file:)?(.*)]$", "$2");
            int line = value instanceof io.smallrye.config.ConfigValue located ? Math.max(0, located.getLineNumber())
                    : 0;
            if (name.contains(DEFAULTS_FILE)) {
                return new Origin("the engine's defaults (" + DEFAULTS_FILE + ")", line);
            } else if (name.startsWith("EnvConfigSource")) {
                return new Origin("environment variable " + value.getName().toUpperCase(java.util.Locale.ROOT)
                        .replaceAll("[^A-Z0-9]", "_"), 0);
            } else if (name.startsWith("SysPropConfigSource")) {
                return new Origin("system property " + value.getName(), 0);
            } else if (name.equals(LifestageConfig.OVERRIDES_SOURCE)) {
                return new Origin("the command line", 0);
            }
            return new Origin(name, line);
        }

        /**
         * Whether someone chose the value — in configuration (a file, the environment, a system property, the command
         * line) or in the pack's {@value #PACK_FILE} — rather than it coming from the engine's defaults or from code.
         */
        public boolean isChoice() {
            return !source.startsWith("the engine's defaults") && !equals(GIVEN);
        }

        /** {@code file:line}, or the source alone when it has no lines. */
        @Override
        public String toString() {
            return line > 0 ? source + ":" + line : source;
        }

        /** Whether configuration chose the value, which a pack's own value does not replace. */
        boolean overridesPack() {
            return isChoice() && !source.equals(PACK_FILE);
        }
    }

    /** A configured threshold that cannot be used: its key, where it was set and what is wrong with it. */
    public record Refusal(String key, Origin origin, String problem) {
    }

    private final Map<String, Integer> values;
    private final Map<String, Origin> origins;
    private final List<Refusal> refused;
    /** The names of the declared customer attributes, in configuration and the pack. */
    private final Set<String> attributes;
    /** The thresholds of configuration alone, which {@link #withPack} lays a pack's values on. */
    private final ConfiguredThresholds configured;

    private ConfiguredThresholds(Map<String, Integer> values, Map<String, Origin> origins, List<Refusal> refused,
                                 Set<String> attributes, ConfiguredThresholds configured) {
        this.values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        this.origins = Map.copyOf(origins);
        this.refused = List.copyOf(refused);
        this.attributes = Collections.unmodifiableSortedSet(new TreeSet<>(attributes));
        this.configured = configured == null ? this : configured;
    }

    /**
     * Reads every {@code lifestage.threshold.*} key. A key is found when any configuration source names it; its
     * value then comes from the source with the highest ordinal, so an environment variable such as
     * {@code LIFESTAGE_THRESHOLD_CHURN_INACTIVITY_DAYS} overrides the default.
     */
    public static ConfiguredThresholds from(Config config) {
        Map<String, Integer> values = new TreeMap<>();
        Map<String, Origin> origins = new TreeMap<>();
        List<Refusal> refused = new ArrayList<>();
        Set<String> attributes = new TreeSet<>();
        for (String key : config.getPropertyNames()) {
            if (key.startsWith(PackFile.ATTRIBUTES) && key.length() > PackFile.ATTRIBUTES.length()) {
                ConfigValue declared = config.getConfigValue(key);
                checkAttribute(key, String.valueOf(declared.getValue()), Origin.of(declared), refused);
                attributes.add(key.substring(PackFile.ATTRIBUTES.length()));
            }
            if (key.startsWith(PREFIX)) {
                String name = key.substring(PREFIX.length());
                ConfigValue configured = config.getConfigValue(key);
                Origin origin = Origin.of(configured);
                origins.put(name, origin);
                parse(name, String.valueOf(configured.getValue()).strip(), origin, values, refused);
            }
        }
        return new ConfiguredThresholds(values, origins, refused, attributes, null);
    }

    /** Refuses an attribute whose source cannot be read. */
    private static void checkAttribute(String key, String source, Origin origin, List<Refusal> refused) {
        try {
            AttributeSource.parse(source);
        } catch (IllegalArgumentException e) {
            refused.add(new Refusal(key, origin, e.getMessage()));
        }
    }

    /** Thresholds with exactly these values; for tests and embedding. */
    public static ConfiguredThresholds of(Map<String, Integer> values) {
        Map<String, Origin> origins = new TreeMap<>();
        values.keySet().forEach(name -> origins.put(name, Origin.GIVEN));
        return new ConfiguredThresholds(values, origins, List.of(), Set.of(), null);
    }

    /**
     * These thresholds as the rule pack in {@code directory} sees them: the configuration's, with the values of the
     * pack's {@value #PACK_FILE} (when it has one) over the defaults, and under values chosen in configuration. A line
     * of the file that is neither a {@code lifestage.threshold.*} key nor the pack's extra events, or a threshold that
     * is not a whole number of 0 or more, is refused.
     * Applying another pack's file starts again from the configuration, so a candidate pack never inherits the
     * values of the pack in service.
     */
    public ConfiguredThresholds withPack(Path directory) {
        List<PackFile.Line> lines = PackFile.lines(directory);
        if (lines.isEmpty()) {
            return configured;
        }
        Map<String, Integer> packValues = new TreeMap<>(configured.values);
        Map<String, Origin> packOrigins = new TreeMap<>(configured.origins);
        List<Refusal> packRefused = new ArrayList<>(configured.refused);
        Set<String> packAttributes = new TreeSet<>(configured.attributes);
        for (PackFile.Line line : lines) {
            Origin origin = new Origin(PACK_FILE, line.number());
            if (line.key().equals(PackFile.EXTRA_EVENTS) && line.value() != null) {
                continue;
            }
            if (PackFile.declaresAttribute(line)) {
                checkAttribute(line.key(), line.value(), origin, packRefused);
                packAttributes.add(line.key().substring(PackFile.ATTRIBUTES.length()));
                continue;
            }
            if (!line.key().startsWith(PREFIX) || line.value() == null) {
                packRefused.add(new Refusal(line.key(), origin, "is not a setting a pack can carry: its " + PACK_FILE
                        + " holds thresholds (" + PREFIX + "churn-inactivity-days=120), "
                        + PackFile.EXTRA_EVENTS + "=Event Name, Other Event and attributes ("
                        + PackFile.ATTRIBUTES + "country=trait:country)"));
                continue;
            }
            String name = line.key().substring(PREFIX.length());
            Origin current = configured.origins.get(name);
            if (current != null && current.overridesPack()) {
                continue;
            }
            packOrigins.put(name, origin);
            packValues.remove(name);
            parse(name, line.value(), origin, packValues, packRefused);
        }
        return new ConfiguredThresholds(packValues, packOrigins, packRefused, packAttributes, configured);
    }

    private static void parse(String name, String text, Origin origin, Map<String, Integer> values,
                              List<Refusal> refused) {
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                refused.add(new Refusal(PREFIX + name, origin, "must be 0 or more, got " + value));
            } else {
                values.put(name, value);
            }
        } catch (NumberFormatException e) {
            refused.add(new Refusal(PREFIX + name, origin, "must be a whole number, got '" + text + "'"));
        }
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

    /** The names of all usable thresholds. */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * The names of the customer attributes declared in configuration or in the pack
     * ({@code lifestage.metrics.attributes.<name>}), which rules may read with {@code attribute("name")}.
     */
    public Set<String> attributes() {
        return attributes;
    }

    /** Where a usable or refused threshold was set. */
    public Origin origin(String name) {
        return origins.get(name);
    }

    /**
     * The configured values that cannot be used: thresholds that are not a whole number of 0 or more, and attributes
     * whose source cannot be read.
     */
    public List<Refusal> refused() {
        return refused;
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
