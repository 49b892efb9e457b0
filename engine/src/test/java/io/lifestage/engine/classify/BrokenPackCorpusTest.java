package io.lifestage.engine.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lifestage.engine.config.ConfiguredThresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken rule packs (src/test/resources/broken-packs): each is refused, and its first problem names
 * the file, the line where there is one, and what is wrong, as written in the case's expected.txt.
 */
class BrokenPackCorpusTest {

    private static final Path CORPUS = Path.of("src", "test", "resources", "broken-packs");

    static Stream<Path> cases() throws IOException {
        return Files.list(CORPUS).filter(Files::isDirectory).sorted();
    }

    @Test
    void theCorpusHoldsAtLeastFifteenDistinctMistakes() throws IOException {
        assertThat(cases().count()).isGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBrokenPackIsRefusedWithAClearMessage(Path pack) throws IOException {
        String expected = Files.readString(pack.resolve("expected.txt")).strip();

        RulePackException refused = catchThrowableOfType(RulePackException.class,
                () -> new RuleBaseCompiler(ConfiguredThresholds.of(Map.of())).compile(pack));

        assertThat(refused).as("compiling " + pack).isNotNull();
        List<RuleProblem> problems = refused.problems();
        assertThat(problems.get(0).toString()).startsWith(expected);
    }
}
