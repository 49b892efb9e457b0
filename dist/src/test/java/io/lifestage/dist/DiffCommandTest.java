package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage diff}: how many customers a rule change moves between stages, on real data, before going live. */
class DiffCommandTest {

    @TempDir
    Path dir;

    private Path copyOfDefaultPack(String from, String to) throws IOException {
        Path pack = Files.createDirectories(dir.resolve("pack"));
        Cli.copyFromDefaultPack(pack, "stages.csv");
        String rules = Files.readString(Cli.DEFAULT_PACK.resolve("stages.drl"));
        assertThat(rules).contains(from);
        Files.writeString(pack.resolve("stages.drl"), rules.replace(from, to));
        return pack;
    }

    private Cli.Result diff(Path candidate) {
        return Cli.run("diff", "--rules", candidate.toString(), "--baseline", Cli.DEFAULT_PACK.toString(),
                "--events", Cli.SAMPLE_EVENTS.toString(), "--as-of", "2026-11-01", "--rejects",
                dir.resolve("r.jsonl").toString());
    }

    @Test
    void showsWhoALowerLoyaltyBarWouldPromote() throws IOException {
        Path candidate = copyOfDefaultPack(
                ">= threshold.get(\"loyalty-orders\") )", ">= threshold.get(\"loyalty-orders\") - 1 )");

        Cli.Result result = diff(candidate);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .containsPattern("2,000 customers as of 2026-11-01T00:00:00Z: \\d+ would change stage")
                .containsPattern("\nretention +0 +0 +0 +\\d+ +\\d+ +0\n")
                .containsPattern("\nretention → loyalty: \\d+\n  u\\d{7}: retention-customer \\(2 purchases, .*\\)"
                        + " → loyalty-frequent-buyer \\(2 orders in the last 365 days \\(loyal from 3\\)\\)");
        assertThat(result.out().lines().filter(line -> line.contains("→ loyalty: ")).count()).isEqualTo(1);
    }

    @Test
    void theSamePackMovesNobody() throws IOException {
        Cli.Result result = diff(copyOfDefaultPack("package", "package"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(": 0 would change stage (0.0%).").doesNotContain(" → loyalty:");
    }

    @Test
    void aBrokenCandidateIsRefusedWithFileAndLine() throws IOException {
        Path candidate = copyOfDefaultPack("verdict.assign(\"conversion\"", "verdict.assign(\"converted\"");

        Cli.Result result = diff(candidate);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).containsPattern("LS-RULE-0002 stages\\.drl:\\d+: stage 'converted' is not declared");
    }

    @Test
    void showsTheMovesOfAThresholdChangedOnlyInThePacksOwnSettings() throws IOException {
        Path candidate = copyOfDefaultPack("package", "package");
        Files.writeString(candidate.resolve("pack.properties"), "lifestage.threshold.conversion-window-days=7\n");

        Cli.Result result = diff(candidate);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Threshold conversion-window-days: 30 (the engine's defaults"
                        + " (META-INF/microprofile-config.properties):11) → 7 (pack.properties:1)")
                .containsPattern("2,000 customers as of 2026-11-01T00:00:00Z: [1-9][\\d,]* would change stage")
                .contains("conversion → retention: ");
    }

    @Test
    void aRenamedStageGivenAsARenameMovesNobody() throws IOException {
        Path candidate = copyOfDefaultPack("verdict.assign(\"retention\"", "verdict.assign(\"repeat\"");
        Files.writeString(candidate.resolve("stages.csv"), Files.readString(candidate.resolve("stages.csv"))
                .replace("retention,Retention,", "repeat,Repeat,"));

        Cli.Result result = Cli.run("diff", "--rules", candidate.toString(), "--baseline", Cli.DEFAULT_PACK.toString(),
                "--rename", "retention=repeat", "--events", Cli.SAMPLE_EVENTS.toString(), "--as-of", "2026-11-01",
                "--rejects", dir.resolve("r.jsonl").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Renamed: retention → repeat (not a move)")
                .contains(": 0 would change stage (0.0%).").doesNotContain("retention → repeat: ");
    }
}
