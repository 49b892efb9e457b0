package io.lifestage.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.engine.connect.ConnectorRole;
import io.lifestage.engine.connect.Connectors;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every key the engine reads: mapped settings, connector keys and the shipped defaults. */
class ConfigurationReferenceTest {

    @Test
    void everyKeyIsDocumented() throws IOException {
        String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
        List<String> keys = new ArrayList<>(defaultKeys());
        keys.add(Connectors.PLUGINS_DIR);
        for (ConnectorRole role : ConnectorRole.values()) {
            keys.add(role.listKey());
            keys.add(role.prefix("<name>") + "type");
            keys.add(role.prefix("<name>") + "<key>");
        }
        for (Class<?> mapping : List.of(RulesSettings.class, MetricsSettings.class, ClassifySettings.class,
                RetrySettings.class, ReportSettings.class, ActionSettings.class, HostSettings.class)) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            for (Method method : mapping.getDeclaredMethods()) {
                if (!method.isDefault()) {
                    WithName name = method.getAnnotation(WithName.class);
                    keys.add(prefix + "." + (name != null ? name.value() : kebab(method.getName())));
                }
            }
        }

        assertThat(keys).hasSizeGreaterThan(15).allSatisfy(key -> assertThat(reference).contains("`" + key + "`"));
    }

    private static List<String> defaultKeys() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = ConfigurationReferenceTest.class
                .getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }
        return defaults.stringPropertyNames().stream().toList();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
