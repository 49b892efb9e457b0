package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage watch}: an edited rule file reaches the running engine and the counts change, no restart. */
class WatchCommandTest {

    private static final Path TABLE_PACK = Path.of("..", "rules", "examples", "decision-table");

    @TempDir
    Path dir;

    @Test
    void aThresholdEditedInTheTableIsAppliedWithoutARestart() throws Exception {
        Path pack = Files.createDirectories(dir.resolve("pack"));
        for (String file : List.of("stages.csv", "stages-table.csv")) {
            Files.copy(TABLE_PACK.resolve(file), pack.resolve(file));
        }
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> Main.run(
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "watch", "--rules", pack.toString(), "--events", Cli.SAMPLE_EVENTS.toString(), "--as-of", "2026-11-01",
                "--rejects", dir.resolve("rejects.jsonl").toString(), "--runs", "2"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.toString().contains("Watching") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(out.toString()).contains("Watching");

        Path table = pack.resolve("stages-table.csv");
        Files.writeString(table, Files.readString(table).replace("\"365, 3\"", "\"365, 2\""));

        assertThat(watching.get(60, TimeUnit.SECONDS)).isZero();
        List<Long> loyal = loyaltyCounts(out.toString());
        assertThat(loyal).hasSize(2);
        assertThat(loyal.get(1)).isGreaterThan(loyal.get(0));
        assertThat(versions(out.toString())).hasSize(2).doesNotHaveDuplicates();
    }

    private static List<Long> loyaltyCounts(String output) {
        Matcher loyalty = Pattern.compile("\n  loyalty +([\\d,]+)").matcher(output);
        return loyalty.results().map(m -> Long.parseLong(m.group(1).replace(",", ""))).toList();
    }

    private static List<String> versions(String output) {
        return Pattern.compile("with rule base (\\w+)").matcher(output).results().map(m -> m.group(1)).toList();
    }
}
