package io.lifestage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        StringWriter out = new StringWriter();

        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "plugins", "--config", config("").toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("file (from the class path (")
                .contains("  source keys (lifestage.source.<name>.*):\n"
                        + "    path             PATH     required                    The file to read.\n")
                .containsPattern("\n    format +STRING +default jsonl +.* One of: jsonl, csv\\.\n");
    }

    @Test
    void failsNamingAPluginsDirectoryThatDoesNotExist() throws IOException {
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("plugins");

        int exit = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "plugins", "--config", config("lifestage.plugins.dir=" + missing + "\n").toString());

        assertThat(exit).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).startsWith("error: LS-PLUG-0100").contains(missing + " is not a directory");
    }

    private Path config(String extra) throws IOException {
        return Files.writeString(dir.resolve("lifestage.properties"), "lifestage.rules.dir=../rules/pack\n" + extra);
    }
}
