package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every key the server and the host service read. */
class ConfigurationDocumentedTest {

    @Test
    void everyServerAndHostKeyIsInTheConfigurationReference() throws Exception {
        String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
        List<String> keys = new ArrayList<>();
        keys.addAll(keysOf(ServerSettings.class));
        keys.addAll(keysOf(Class.forName("io.lifestage.engine.host.HostSettings")));

        assertThat(keys).hasSizeGreaterThan(10).allSatisfy(key -> assertThat(reference).contains("`" + key + "`"));
    }

    private static List<String> keysOf(Class<?> settings) throws IOException, IllegalAccessException {
        List<String> keys = new ArrayList<>();
        for (Field field : settings.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                String value = (String) field.get(null);
                if (value.startsWith("lifestage.") && !value.endsWith(".")) {
                    keys.add(value);
                }
            }
        }
        return keys;
    }
}
