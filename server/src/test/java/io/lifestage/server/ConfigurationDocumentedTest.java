package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every key the server reads; ConfigurationReferenceTest checks the engine's. */
class ConfigurationDocumentedTest {

    @Test
    void everyServerKeyIsInTheConfigurationReference() throws Exception {
        String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
        List<String> keys = new ArrayList<>();
        for (Field field : ServerSettings.class.getFields()) {
            if (!field.getName().equals("PREFIX")) {
                keys.add((String) field.get(null));
            }
        }

        assertThat(keys).hasSizeGreaterThan(10).allSatisfy(key -> assertThat(reference).contains("`" + key + "`"));
    }
}
