package io.lifestage.engine.connect;

import io.lifestage.api.StageModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors the configuration enables, every one checked before any starts: {@code lifestage.sources} and
 * {@code lifestage.sinks} list their names, {@code lifestage.source.<name>.type} picks the installed type and
 * {@code lifestage.source.<name>.<key>} sets its declared keys (the same under {@code lifestage.sink.}).
 */
public final class ConnectorPlan {

    private static final Logger log = LoggerFactory.getLogger(ConnectorPlan.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private final List<ConfiguredConnector> sources;
    private final List<ConfiguredConnector> sinks;

    private ConnectorPlan(List<ConfiguredConnector> sources, List<ConfiguredConnector> sinks) {
        this.sources = List.copyOf(sources);
        this.sinks = List.copyOf(sinks);
    }

    /**
     * Checks the connector configuration against the installed types. Settings for a name that is not listed are
     * ignored with a warning.
     *
     * @param stages the stage model of the rule pack in service, asked for whenever a sink starts; it may give null
     *               where there is none
     * @throws ConnectorConfigurationException {@code LS-CONF-0100}, listing every problem found
     */
    public static ConnectorPlan from(Config config, Connectors connectors, Supplier<StageModel> stages) {
        List<String> problems = new ArrayList<>();
        List<ConfiguredConnector> sources = configure(config, connectors, ConnectorRole.SOURCE, problems, stages);
        List<ConfiguredConnector> sinks = configure(config, connectors, ConnectorRole.SINK, problems, stages);
        if (!problems.isEmpty()) {
            throw new ConnectorConfigurationException("LS-CONF-0100", "the connector configuration is invalid",
                    problems);
        }
        sources.forEach(source -> log.info("Configured {}", source));
        sinks.forEach(sink -> log.info("Configured {}", sink));
        return new ConnectorPlan(sources, sinks);
    }

    /** The enabled sources, in the order {@code lifestage.sources} lists them. */
    public List<ConfiguredConnector> sources() {
        return sources;
    }

    /** The enabled sinks, in the order {@code lifestage.sinks} lists them. */
    public List<ConfiguredConnector> sinks() {
        return sinks;
    }

    private static List<ConfiguredConnector> configure(Config config, Connectors connectors, ConnectorRole role,
                                                       List<String> problems, Supplier<StageModel> stages) {
        Set<String> names = listed(config, role, problems);
        ConfiguredKeys keys = ConfiguredKeys.scan(config, role, names);
        for (String key : keys.unlisted()) {
            log.warn("Ignoring {}: it configures a {} that {} does not list", key, role.word(), role.listKey());
        }
        List<ConfiguredConnector> configured = new ArrayList<>();
        for (String name : names) {
            SettingsCheck.check(config, connectors, role, name, keys, problems, stages).ifPresent(configured::add);
        }
        return configured;
    }

    private static Set<String> listed(Config config, ConnectorRole role, List<String> problems) {
        String list = config.getConfigValue(role.listKey()).getValue();
        Set<String> names = new LinkedHashSet<>();
        for (String entry : list == null ? new String[0] : list.split(",")) {
            String name = entry.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                problems.add(role.listKey() + ": '" + name + "' is not a valid connector name; use letters, digits,"
                        + " '-' and '_'");
            } else if (!names.add(name)) {
                problems.add(role.listKey() + ": '" + name + "' is listed twice; give each " + role.word()
                        + " its own name");
            }
        }
        return names;
    }
}
