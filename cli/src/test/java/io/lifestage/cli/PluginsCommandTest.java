package io.lifestage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage plugins} is the generated reference of connector types and their keys. */
class PluginsCommandTest {

    @TempDir
    Path dir;

    @Test
    void listsEachInstalledTypeWithTheKeysItDeclares() throws IOException {
        Lifestage.Result result = Lifestage.run("plugins", "--config", config("").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).startsWith("file version ").contains(" (from the class path (")
                .contains("  source keys (lifestage.source.<name>.*):\n"
                        + "    path             PATH     required                    The file to read.\n")
                .containsPattern("\n    format +STRING +default jsonl +.* One of: jsonl, csv\\.\n")
                .containsPattern("\n    batch-size +INTEGER +default \\d+ .* A whole number from 1 to 2147483647\\.\n");
    }

    @Test
    void failsNamingAPluginsDirectoryThatDoesNotExist() throws IOException {
        Path missing = dir.resolve("plugins");

        Lifestage.Result result = Lifestage.run("plugins", "--config",
                config("lifestage.plugins.dir=" + missing + "\n").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).startsWith("error: LS-PLUG-0100").contains(missing + " is not a directory");
    }

    private Path config(String extra) throws IOException {
        return Files.writeString(dir.resolve("lifestage.properties"), "lifestage.rules.dir=../rules/pack\n" + extra);
    }
}
