package io.lifestage.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule pack is resolved the same way whatever names it: the launcher's default pack is the weakest source, so a
 * {@code lifestage.rules.dir} in the {@code --config} file or on the command line wins over it, and the start-up line
 * says where the value came from.
 */
class RulesDirectoryOriginTest {

    @TempDir
    Path dir;

    @BeforeEach
    void launchedByTheScript() {
        System.setProperty(LifestageConfig.DEFAULT_RULES_DIR, "/opt/lifestage/rules/pack");
    }

    @AfterEach
    void clear() {
        System.clearProperty(LifestageConfig.DEFAULT_RULES_DIR);
    }

    @Test
    void withoutAnySettingTheLauncherDefaultPackIsUsedAndSaidToBeIt() {
        var config = LifestageConfig.build(Map.of(), null);

        assertThat(LifestageConfig.origin(config, RulesSettings.DIR)).isEqualTo("/opt/lifestage/rules/pack"
                + " (lifestage.rules.dir from the launcher's default (lifestage.rules.default-dir))");
    }

    @Test
    void aRulesDirectoryInTheConfigFileWinsOverTheLauncherDefault() throws Exception {
        Path file = Files.writeString(dir.resolve("lifestage.properties"), "lifestage.rules.dir=/srv/my-pack\n");

        var config = LifestageConfig.build(Map.of(), file);

        assertThat(config.getConfigMapping(RulesSettings.class).dir()).isEqualTo("/srv/my-pack");
        assertThat(LifestageConfig.origin(config, RulesSettings.DIR)).isEqualTo("/srv/my-pack"
                + " (lifestage.rules.dir from the --config file " + file.toAbsolutePath() + ")");
    }

    @Test
    void theCommandLineWinsOverTheConfigFile() throws Exception {
        Path file = Files.writeString(dir.resolve("lifestage.properties"), "lifestage.rules.dir=/srv/my-pack\n");

        var config = LifestageConfig.build(Map.of(RulesSettings.DIR, "/tmp/trial-pack"), file);

        assertThat(LifestageConfig.origin(config, RulesSettings.DIR)).isEqualTo("/tmp/trial-pack"
                + " (lifestage.rules.dir from the command line)");
    }
}
