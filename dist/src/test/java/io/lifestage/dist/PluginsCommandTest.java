package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage plugins} with every bundled connector, long keys included, as an integrator reads it. */
class PluginsCommandTest {

    private static final Pattern KEY_ROW = Pattern.compile(
            "^    \\S+ +(STRING|INTEGER|DECIMAL|BOOLEAN|DURATION|URL|PATH) ");

    @TempDir
    Path dir;

    @Test
    void namesEachPluginsVersionAndKeepsTheColumnsOfEveryRoleAligned() throws IOException {
        Path config = Files.writeString(dir.resolve("lifestage.properties"), "lifestage.rules.dir=" + Cli.DEFAULT_PACK);

        Cli.Result plugins = Cli.run("plugins", "--config", config.toString());

        assertThat(plugins.exitCode()).as(plugins.err()).isZero();
        assertThat(plugins.out()).containsPattern("(?m)^file version \\S+ \\(from ")
                .containsPattern("(?m)^kafka version \\S+ \\(from ").contains("ssl-truststore-password");
        List<List<Integer>> typeColumns = new ArrayList<>();
        for (String line : plugins.out().split("\n")) {
            Matcher row = KEY_ROW.matcher(line);
            if (line.startsWith("  ") && line.endsWith("*):")) {
                typeColumns.add(new ArrayList<>());
            } else if (row.find()) {
                typeColumns.get(typeColumns.size() - 1).add(row.start(1));
            }
        }
        assertThat(typeColumns).hasSizeGreaterThan(6)
                .allSatisfy(role -> assertThat(new HashSet<>(role)).as("where the type column starts in the rows of"
                        + " one role").hasSizeLessThanOrEqualTo(1));
    }
}
