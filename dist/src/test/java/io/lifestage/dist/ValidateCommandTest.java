package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage validate}: exit 0 only for a valid pack; otherwise every problem, with file and line. */
class ValidateCommandTest {

    @TempDir
    Path pack;

    @Test
    void acceptsTheDefaultPack() {
        Cli.Result result = Cli.run("validate", "--rules", Cli.DEFAULT_PACK.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Rule pack is valid")
                .contains("awareness → consideration → conversion → retention → loyalty → churn");
    }

    @Test
    void listsEveryProblemOfABrokenPack() throws IOException {
        Files.copy(Cli.DEFAULT_PACK.resolve("stages.csv"), pack.resolve("stages.csv"));
        Files.writeString(pack.resolve("stages.drl"), Files.readString(Cli.DEFAULT_PACK.resolve("stages.drl"))
                .replace("verdict.assign(\"loyalty\", \"latest survey", "verdict.assign(\"loyal\", \"latest survey"));
        Files.writeString(pack.resolve("extra.drl"), "");

        Cli.Result result = Cli.run("validate", "--rules", pack.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err())
                .contains("has 2 problems")
                .contains("LS-RULE-0008 extra.drl: the file is empty")
                .containsPattern("LS-RULE-0002 stages\\.drl:\\d+: stage 'loyal' is not declared in stages.csv");
    }

    @Test
    void saysWhereToSetTheRulesDirectoryWhenNoneIsConfigured() {
        Cli.Result result = Cli.run("validate", "--rules", pack.resolve("missing").toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("LS-RULE-0004").contains("set lifestage.rules.dir or --rules");
    }
}
