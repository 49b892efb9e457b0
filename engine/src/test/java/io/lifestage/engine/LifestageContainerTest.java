package io.lifestage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lifestage.engine.classify.RulePackException;
import io.lifestage.engine.classify.RuleProblem;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.connect.ConnectorConfigurationException;
import io.lifestage.testing.TestPack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting an engine: the pack compiles on a thread of its own while the container starts, and whatever is wrong
 * still fails the start, as it did when the pack compiled after the container.
 */
class LifestageContainerTest {

    @TempDir
    Path pack;

    @Test
    void aBrokenPackFailsTheStartNamingFileAndLine() throws IOException {
        TestPack.write(pack, "visitor", """
                rule "visitor" when CustomerMetrics( visits > ) then verdict.assign("visitor", "seen"); end
                """);

        assertThatThrownBy(() -> LifestageContainer.start(Map.of(RulesSettings.DIR, pack.toString()), null))
                .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems())
                        .extracting(RuleProblem::file, RuleProblem::line)
                        .contains(tuple("rules.drl", 5)));
    }

    @Test
    void aBadConnectorSettingFailsTheStartWhateverThePack() throws IOException {
        TestPack.write(pack, "visitor", """
                rule "visitor" when CustomerMetrics( visits > ) then verdict.assign("visitor", "seen"); end
                """);

        assertThatThrownBy(() -> LifestageContainer.start(Map.of(RulesSettings.DIR, pack.toString(),
                "lifestage.sinks", "out", "lifestage.sink.out.type", "file"), null))
                .isInstanceOf(ConnectorConfigurationException.class)
                .hasMessageContaining("lifestage.sink.out.path: missing");
    }

    @Test
    void aSoundPackIsServedOnceTheStartReturns() throws IOException {
        TestPack.write(pack, "visitor", """
                rule "visitor" when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);

        try (LifestageContainer container = LifestageContainer.start(Map.of(RulesSettings.DIR, pack.toString()),
                null)) {
            assertThat(container.ruleBase().stageModel().names()).containsExactly("visitor");
            assertThat(container.liveRuleBase().current()).isSameAs(container.ruleBase());
        }
    }
}
