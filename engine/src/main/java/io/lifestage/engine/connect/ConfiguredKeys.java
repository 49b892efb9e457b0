package io.lifestage.engine.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The keys the configuration sources set under {@code lifestage.source.} (or {@code lifestage.sink.}), by listed
 * connector. Dotted keys ({@code lifestage.source.crm.batch-size}) name their connector before the next dot;
 * environment variables ({@code LIFESTAGE_SOURCE_MY_CRM_BATCH_SIZE}) belong to the listed name whose environment
 * form is the longest prefix, since the underscores are ambiguous.
 */
final class ConfiguredKeys {

    private final Map<String, Set<String>> dotted = new HashMap<>();
    private final Map<String, Set<String>> environment = new HashMap<>();
    private final Set<String> unlisted = new TreeSet<>();

    private ConfiguredKeys() {
    }

    /** The keys of the sources of {@code config} for the connectors of a role listed under {@code names}. */
    static ConfiguredKeys scan(Config config, ConnectorRole role, Collection<String> names) {
        ConfiguredKeys keys = new ConfiguredKeys();
        String prefix = role.prefix();
        String environmentPrefix = role.environmentPrefix();
        for (ConfigSource source : config.getConfigSources()) {
            Set<String> properties = source.getPropertyNames();
            for (String property : properties) {
                if (property.startsWith(prefix) && !isEnvironmentAlias(property, properties)) {
                    keys.addDotted(property, property.substring(prefix.length()), names);
                } else if (property.startsWith(environmentPrefix)) {
                    keys.addEnvironment(property, property.substring(environmentPrefix.length()), names);
                }
            }
        }
        return keys;
    }

    /** The dotted keys set for a listed connector, after its prefix: {@code batch-size}. */
    Set<String> dotted(String name) {
        return dotted.getOrDefault(name, Set.of());
    }

    /** The environment variables set for a listed connector, after its prefix: {@code BATCH_SIZE}. */
    Set<String> environment(String name) {
        return environment.getOrDefault(name, Set.of());
    }

    /** Keys and variables that configure a connector not listed, as written. */
    Set<String> unlisted() {
        return unlisted;
    }

    private void addDotted(String property, String rest, Collection<String> names) {
        int dot = rest.indexOf('.');
        String name = dot < 0 ? rest : rest.substring(0, dot);
        if (dot > 0 && names.contains(name)) {
            dotted.computeIfAbsent(name, n -> new TreeSet<>()).add(rest.substring(dot + 1));
        } else {
            unlisted.add(property);
        }
    }

    private void addEnvironment(String variable, String rest, Collection<String> names) {
        String owner = null;
        String ownerForm = "";
        for (String name : names) {
            String form = ConnectorRole.environmentName(name);
            if (rest.startsWith(form + "_") && form.length() > ownerForm.length()) {
                owner = name;
                ownerForm = form;
            }
        }
        if (owner == null) {
            unlisted.add(variable);
        } else {
            environment.computeIfAbsent(owner, n -> new TreeSet<>()).add(rest.substring(ownerForm.length() + 1));
        }
    }

    /** SmallRye's environment source also lists each variable as a guessed dotted key; those are not keys. */
    private static boolean isEnvironmentAlias(String property, Set<String> properties) {
        String variable = ConnectorRole.environmentName(property);
        return !variable.equals(property) && properties.contains(variable);
    }
}
