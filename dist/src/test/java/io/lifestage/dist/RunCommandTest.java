package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage run} on the embedded H2 store, as a new user runs it. */
class RunCommandTest {

    private static final Path SAMPLE = Cli.DEFAULT_PACK.resolveSibling("sample").resolve("events.jsonl");

    @TempDir
    Path dir;

    @Test
    void aFirstRunLeavesACompactStoreThatLaterRunsKeepUsing() throws IOException {
        Path config = Files.writeString(dir.resolve("run.properties"), String.join("\n",
                "lifestage.rules.dir=" + Cli.DEFAULT_PACK,
                "lifestage.store.url=jdbc:h2:file:" + dir.resolve("store"),
                "lifestage.sources=events",
                "lifestage.source.events.type=file",
                "lifestage.source.events.path=" + SAMPLE, ""));

        Cli.Result first = run(config, "2026-10-01");
        Cli.Result later = run(config, "2026-11-01");

        assertThat(first.out()).contains("store compacted in ", "seconds per phase: read ");
        assertThat(later.out()).contains("0 facts read, 0 new").doesNotContain("store compacted")
                .containsPattern("evaluated [1-9][0-9,]* customers");
    }

    private Cli.Result run(Path config, String asOf) {
        Cli.Result run = Cli.run("run", "--config", config.toString(), "--as-of", asOf,
                "--rejects", dir.resolve("rejects.jsonl").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }
}
