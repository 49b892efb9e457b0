package io.lifestage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.testing.TestPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The mistakes analysts make, each applied to a copy of the default pack or of the decision-table example
 * (src/test/resources/pack-mistakes/cases.yaml): {@code lifestage validate} names every one, with the exit code and
 * the message written in the case.
 */
class PackMistakeCorpusTest {

    private static final Path CASES = Path.of("src", "test", "resources", "pack-mistakes", "cases.yaml");
    private static final Map<String, Path> BASES = Map.of(
            "pack", Path.of("..", "rules", "pack"),
            "decision-table", Path.of("..", "rules", "examples", "decision-table"));

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> mistakes() throws IOException {
        return (List<Map<String, Object>>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(CASES));
    }

    static Stream<Arguments> cases() throws IOException {
        return mistakes().stream().map(mistake -> Arguments.of(mistake.get("name"), mistake));
    }

    @Test
    void theCorpusHoldsAtLeastFortyMistakesEachWithItsExitCodeAndMessage() throws IOException {
        assertThat(mistakes()).hasSizeGreaterThanOrEqualTo(40)
                .allSatisfy(mistake -> assertThat(mistake).containsKeys("name", "base", "exit", "message"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validateNamesTheMistakeWithItsExitCode(String name, Map<String, Object> mistake) throws IOException {
        Path pack = dir.resolve("pack");
        TestPack.copy(BASES.get((String) mistake.get("base")), pack);
        apply(mistake, pack);
        List<String> args = new ArrayList<>(List.of("validate", "--rules", pack.toString()));
        if (mistake.containsKey("config")) {
            Path config = Files.writeString(dir.resolve("lifestage.properties"), (String) mistake.get("config"));
            args.addAll(List.of("--config", config.toString()));
        }
        if (Boolean.TRUE.equals(mistake.get("strict"))) {
            args.add("--strict");
        }

        Lifestage.Result result = Lifestage.run(args.toArray(String[]::new));

        String expected = ((String) mistake.get("message")).replace("${config}",
                dir.resolve("lifestage.properties").toUri().getPath()).strip();
        assertThat(result.printed()).as(name).contains(expected);
        assertThat(result.exitCode()).as(name + ":\n" + result.printed()).isEqualTo(mistake.get("exit"));
    }

    /** Applies the case's one mistake: a text replaced in a file, a file renamed, copied, written or deleted. */
    private static void apply(Map<String, Object> mistake, Path pack) throws IOException {
        if (mistake.containsKey("edit")) {
            Path file = pack.resolve((String) mistake.get("edit"));
            String text = Files.readString(file);
            String replace = (String) mistake.get("replace");
            assertThat(text).as("the text to replace in " + file).contains(replace);
            Files.writeString(file, text.replace(replace, (String) mistake.get("with")));
        }
        if (mistake.containsKey("rename")) {
            List<String> names = List.of(((String) mistake.get("rename")).split(" -> "));
            Files.move(pack.resolve(names.get(0)), pack.resolve(names.get(1)));
        }
        if (mistake.containsKey("copy")) {
            List<String> names = List.of(((String) mistake.get("copy")).split(" -> "));
            Path target = pack.resolve(names.get(1));
            Files.createDirectories(target.getParent());
            Files.copy(pack.resolve(names.get(0)), target);
        }
        if (mistake.containsKey("write")) {
            Path target = pack.resolve((String) mistake.get("write"));
            Files.createDirectories(target.getParent());
            Files.writeString(target, (String) mistake.get("text"));
        }
        if (mistake.containsKey("delete")) {
            Files.delete(pack.resolve((String) mistake.get("delete")));
        }
    }
}
