package io.lifestage.engine.connect;

import io.lifestage.api.StageModel;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.engine.internal.Suggestions;
import io.smallrye.config.Expressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Checks the configuration of one listed connector against its installed type: the type exists and plays the role,
 * every key is declared, required keys are set and values fit their keys. Each problem is one sentence starting with
 * the key (or environment variable) concerned; secret values are shown as {@value ConfiguredConnector#HIDDEN}.
 */
final class SettingsCheck {

    private final Config config;
    /** A reference {@code ${NAME}} or {@code ${NAME:default}} in a configured value. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");

    private final ConnectorRole role;
    private final String name;
    private final String prefix;
    private final List<String> problems;
    private final Supplier<StageModel> stages;

    private SettingsCheck(Config config, ConnectorRole role, String name, List<String> problems,
                          Supplier<StageModel> stages) {
        this.config = config;
        this.stages = stages;
        this.role = role;
        this.name = name;
        this.prefix = role.prefix(name);
        this.problems = problems;
    }

    /** The checked connector, or empty after adding its problems to {@code problems}. */
    static Optional<ConfiguredConnector> check(Config config, Connectors connectors, ConnectorRole role, String name,
                                               ConfiguredKeys keys, List<String> problems,
                                               Supplier<StageModel> stages) {
        return new SettingsCheck(config, role, name, problems, stages).check(connectors, keys);
    }

    private Optional<ConfiguredConnector> check(Connectors connectors, ConfiguredKeys keys) {
        Optional<InstalledConnector> installed = type(connectors);
        if (installed.isEmpty()) {
            return Optional.empty();
        }
        int problemsBefore = problems.size();
        List<ConfigKey> declared = installed.get().keys(role);
        unknownKeys(installed.get().type(), declared, keys);
        Map<String, String> settings = new LinkedHashMap<>();
        for (ConfigKey key : declared) {
            value(installed.get().type(), key).ifPresent(value -> settings.put(key.name(), value));
        }
        return problems.size() > problemsBefore ? Optional.empty()
                : Optional.of(new ConfiguredConnector(name, role, installed.get(), settings, stages));
    }

    private Optional<InstalledConnector> type(Connectors connectors) {
        String type = configured(prefix + "type").map(ConfigValue::getValue).map(String::trim).orElse(null);
        if (type == null) {
            problems.add(prefix + "type: missing; set it to one of the installed types: " + connectors.typeList());
            return Optional.empty();
        }
        Optional<InstalledConnector> installed = connectors.find(type);
        if (installed.isEmpty()) {
            problems.add(prefix + "type: no connector plugin of type '" + type + "' is installed"
                    + suggestion(type, connectors.all().stream().map(InstalledConnector::type).toList(), "")
                    + " (installed: " + connectors.typeList() + ")");
        } else if (!installed.get().plays(role)) {
            problems.add(prefix + "type: connector type '" + type + "' has no " + role.word() + " (it offers: "
                    + installed.get().roleList()
                    + "); list '" + name + "' under the key of that role instead of " + role.listKey());
            return Optional.empty();
        }
        return installed;
    }

    private void unknownKeys(String type, List<ConfigKey> declared, ConfiguredKeys keys) {
        List<String> names = declared.stream().map(ConfigKey::name).toList();
        String known = names.isEmpty() ? "it takes no settings" : "its keys: " + String.join(", ", names);
        for (String key : keys.dotted(name)) {
            if (!key.equals("type") && !names.contains(key)) {
                problems.add(prefix + key + ": unknown key for a " + type + " " + role.word()
                        + suggestion(key, names, "") + " (" + known + ")");
            }
        }
        String variablePrefix = ConnectorRole.environmentName(prefix);
        List<String> variables = names.stream().map(ConnectorRole::environmentName).toList();
        for (String variable : keys.environment(name)) {
            if (!variable.equals("TYPE") && !variables.contains(variable)) {
                problems.add(variablePrefix + variable + ": unknown key for a " + type + " " + role.word()
                        + suggestion(variable, variables, variablePrefix)
                        + " (" + known + ")");
            }
        }
    }

    /** The effective value of a declared key, after adding a problem when it is missing or does not fit. */
    private Optional<String> value(String type, ConfigKey key) {
        Optional<String> unset = unsetVariables(prefix + key.name());
        if (unset.isPresent()) {
            problems.add(unset.get());
            return Optional.empty();
        }
        Optional<ConfigValue> configured = configured(prefix + key.name());
        if (configured.isEmpty()) {
            if (key.required()) {
                problems.add(prefix + key.name() + ": missing; a " + type + " " + role.word() + " needs it ("
                        + key.description() + ")");
            }
            return key.defaultIfAny();
        }
        String value = configured.get().getValue();
        ValueCheck.problem(key, value).ifPresent(problem -> problems.add(prefix + key.name() + " = "
                + (key.secret() ? ConfiguredConnector.HIDDEN : "'" + value + "'")
                + " (from " + configured.get().getSourceName() + ") " + problem));
        return Optional.of(value);
    }

    /**
     * A problem when the key's value refers to variables ({@code ${CRM_TOKEN}}, no default after a colon) that are
     * set nowhere: SmallRye would otherwise leave the key without a value, reported as missing.
     */
    private Optional<String> unsetVariables(String key) {
        ConfigValue raw = Expressions.withoutExpansion(() -> config.getConfigValue(key));
        if (raw.getValue() == null) {
            return Optional.empty();
        }
        List<String> unset = new ArrayList<>();
        Matcher reference = VARIABLE.matcher(raw.getValue());
        while (reference.find()) {
            String variable = reference.group(1);
            if (reference.group(2) == null && config.getConfigValue(variable).getValue() == null) {
                unset.add(variable);
            }
        }
        return unset.isEmpty() ? Optional.empty() : Optional.of(key + " = '" + raw.getValue() + "' (from "
                + raw.getSourceName() + "): the environment variable " + String.join(", ", unset)
                + (unset.size() == 1 ? " is" : " are") + " not set (nor a property of that name); set it, or give a"
                + " default after a colon: ${" + unset.get(0) + ":value}");
    }

    private Optional<ConfigValue> configured(String key) {
        ConfigValue value = config.getConfigValue(key);
        return value.getValue() == null || value.getValue().isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static String suggestion(String wrong, List<String> candidates, String shownPrefix) {
        return Suggestions.closest(wrong, candidates).map(closest -> "; did you mean '" + shownPrefix + closest + "'?")
                .orElse("");
    }
}
