package io.lifestage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.scenario.Scenario;
import io.lifestage.engine.scenario.ScenarioFiles;
import io.lifestage.engine.scenario.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The analysts' scenario files of the default pack run in the build, one test each, and cover every rule. */
class DefaultPackScenariosTest {

    private static final Path PACK = Path.of("pack");
    private static LifestageContainer container;
    private static ScenarioFiles files;

    @BeforeAll
    static void start() {
        container = LifestageContainer.start(Map.of(RulesSettings.DIR, PACK.toString()), null);
        files = ScenarioFiles.in(PACK);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() {
        assertThat(files.problems()).isEmpty();
        ScenarioRunner runner = container.scenarioRunner();
        return files.scenarios().stream().map(scenario -> DynamicTest.dynamicTest(
                scenario.location() + " " + scenario.name(),
                () -> assertThat(runner.run(scenario).failure()).isNull()));
    }

    @Test
    void everyRuleIsTheExpectedRuleOfSomeScenario() throws IOException {
        Set<String> rules = new TreeSet<>();
        Matcher declared = Pattern.compile("^rule \"([^\"]+)\"", Pattern.MULTILINE)
                .matcher(Files.readString(PACK.resolve("stages.drl")));
        while (declared.find()) {
            rules.add(declared.group(1));
        }
        Set<String> covered = new TreeSet<>(files.scenarios().stream().map(Scenario::expectedRule)
                .filter(java.util.Objects::nonNull).toList());

        assertThat(rules).hasSize(10);
        assertThat(covered).containsAll(rules);
    }
}
