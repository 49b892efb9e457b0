package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage test}: a pass/fail table of the pack's scenarios; exit 0 only when all pass. */
class TestCommandTest {

    @TempDir
    Path pack;

    @Test
    void theDefaultPackPassesItsOwnScenarios() {
        Cli.Result result = Cli.run("test", "--rules", Cli.DEFAULT_PACK.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("PASS  tests/stages.test.yaml:")
                .containsPattern("\n\\d+ passed, 0 failed\n");
    }

    @Test
    void aThresholdChangeThatBreaksAScenarioFailsWithTheDifference() throws IOException {
        Cli.copyFromDefaultPack(pack, "stages.csv", "stages.drl");
        Files.writeString(pack.resolve("conversion.test.yaml"), """
                as-of: 2026-06-01T00:00:00Z
                scenarios:
                  - name: a first order 40 days ago is still a conversion
                    events: [ { event: Order Completed, days-ago: 40, total: 10 } ]
                    expect: conversion
                """);

        Cli.Result result = Cli.run("test", "--rules", pack.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out())
                .contains("FAIL  conversion.test.yaml:3")
                .contains("expected conversion, got retention by retention-customer: 1 purchases, last one 40 days ago")
                .contains("0 passed, 1 failed");
    }

    @Test
    void aPackWithoutScenariosSaysSo() throws IOException {
        Cli.copyFromDefaultPack(pack, "stages.csv", "stages.drl");

        Cli.Result result = Cli.run("test", "--rules", pack.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("No scenario files (*.test.yaml) in " + pack);
    }

    @Test
    void aScenarioFileNamedYmlIsNamedAsSkippedInsteadOfSilentlyIgnored() throws IOException {
        Cli.copyFromDefaultPack(pack, "stages.csv", "stages.drl");
        Files.copy(Cli.DEFAULT_PACK.resolve("tests/stages.test.yaml"), pack.resolve("stages.test.yml"));

        Cli.Result result = Cli.run("test", "--rules", pack.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("No scenario files (*.test.yaml) in " + pack);
        assertThat(result.err()).contains("warning: LS-RULE-0104 stages.test.yml: skipped by 'lifestage test':"
                + " scenario files must end in '.test.yaml'; rename it to 'stages.test.yaml'");
    }

    @Test
    void scenariosSeeThePacksOwnThresholds() throws IOException {
        Cli.copyFromDefaultPack(pack, "stages.csv", "stages.drl");
        Files.writeString(pack.resolve("pack.properties"), "lifestage.threshold.conversion-window-days=60\n");
        Files.writeString(pack.resolve("conversion.test.yaml"), """
                as-of: 2026-06-01T00:00:00Z
                scenarios:
                  - name: with a 60-day window a first order 40 days ago is a conversion
                    events: [ { event: Order Completed, days-ago: 40, total: 10 } ]
                    expect: conversion
                """);

        Cli.Result result = Cli.run("test", "--rules", pack.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("1 passed, 0 failed");
    }
}
