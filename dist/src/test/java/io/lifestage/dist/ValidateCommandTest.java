package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
        Cli.copyFromDefaultPack(pack, "stages.csv");
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

    @Test
    void exitsWithFourWhenThePackIsValidWithWarnings() throws IOException {
        copyDefaultPack();
        Files.copy(Cli.DEFAULT_PACK.resolve("stages.drl"), pack.resolve("more-stages.DRL"));

        Cli.Result result = Cli.run("validate", "--rules", pack.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
        assertThat(result.out()).contains("warning: LS-RULE-0104 more-stages.DRL: skipped: rule files must end in"
                + " '.drl' in lower case").contains("Rule pack is valid").contains("1 warning");
    }

    @Test
    void strictTurnsWarningsIntoErrors() throws IOException {
        copyDefaultPack();
        Files.createDirectories(pack.resolve("backup"));
        Files.copy(Cli.DEFAULT_PACK.resolve("stages.drl"), pack.resolve("backup/stages.drl"));

        Cli.Result result = Cli.run("validate", "--strict", "--rules", pack.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("has 1 problem (warnings count as errors with --strict)")
                .contains("LS-RULE-0104 backup/stages.drl: skipped: 'backup' looks like a backup folder");
    }

    @Test
    void aMisspeltThresholdKeyIsAnErrorAtTheLineThatSetsIt() throws IOException {
        Path config = Files.writeString(pack.resolveSibling(pack.getFileName() + ".properties"),
                "lifestage.threshold.churn-inactivty-days=120\n");

        Cli.Result result = Cli.run("validate", "--config", config.toString(), "--rules", Cli.DEFAULT_PACK.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("LS-CONF-0004 " + config.toUri().getPath() + ":1:"
                + " lifestage.threshold.churn-inactivty-days is set, but no rule of the pack reads threshold"
                + " 'churn-inactivty-days', so it changes nothing; did you mean 'churn-inactivity-days'?");
    }

    @Test
    void aNegativeThresholdFromTheEnvironmentIsAnErrorNamingTheVariable() throws Exception {
        Cli.Result result = Cli.runWithEnvironment(Map.of("LIFESTAGE_THRESHOLD_CHURN_INACTIVITY_DAYS", "-30"),
                "validate", "--rules", Cli.DEFAULT_PACK.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("LS-CONF-0002 environment variable LIFESTAGE_THRESHOLD_CHURN_INACTIVITY_DAYS:"
                + " lifestage.threshold.churn-inactivity-days must be 0 or more, got -30");
    }

    @Test
    void aRuleThatFailsOnAProbeCustomerIsAnErrorWithItsFileAndLine() throws IOException {
        defaultPackWith("$c : CustomerMetrics( customer, subscriptionCancelled,",
                "$c : CustomerMetrics( lastSeen.isBefore(asOf), customer, subscriptionCancelled,");

        Cli.Result result = Cli.run("validate", "--rules", pack.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("LS-RULE-0012 stages.drl:14: rule 'churn-subscription-cancelled'"
                + " (stages.drl:14) failed for customer 'a contact from the CRM never seen': the condition"
                + " 'lastSeen.isBefore(asOf)' reads a value this customer does not have");
    }

    @Test
    void aRuleThatCanNeverFireIsAWarning() throws IOException {
        defaultPackWith("orders >= threshold.get(\"loyalty-survey-orders\")",
                "orders >= threshold.get(\"loyalty-survey-orders\"), orders < 2");

        Cli.Result result = Cli.run("validate", "--rules", pack.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(4);
        assertThat(result.out()).contains("warning: LS-RULE-0106 stages.drl:47: rule 'loyalty-promoter' can never"
                + " fire: 'orders >= threshold.get(\"loyalty-survey-orders\")' and 'orders < 2' cannot both hold");
    }

    @Test
    void showsEachThresholdWithWhereItWasSetThePacksOwnFileIncluded() throws IOException {
        copyDefaultPack();
        Files.writeString(pack.resolve("pack.properties"), "lifestage.threshold.loyalty-orders=4\n");

        Cli.Result result = Cli.run("validate", "--rules", pack.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("threshold loyalty-orders = 4 (pack.properties:1)")
                .contains("threshold churn-inactivity-days = 180 (the engine's defaults");
    }

    @Test
    void withProbesShowsWhatThePackDecidesForEachProbeCustomer() {
        Cli.Result result = Cli.run("validate", "--probes", "--rules", Cli.DEFAULT_PACK.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("probe a visitor silent for 400 days: awareness by awareness-seen (last seen 400 days ago,")
                .contains("probe a buyer silent for 400 days: churn by churn-inactive (no activity for 400 days");
    }

    /** The default pack in {@link #pack}, with one text of its rules replaced. */
    private void defaultPackWith(String text, String replacement) throws IOException {
        copyDefaultPack();
        Path drl = pack.resolve("stages.drl");
        Files.writeString(drl, Files.readString(drl).replace(text, replacement));
    }

    private void copyDefaultPack() throws IOException {
        Cli.copyFromDefaultPack(pack, "stages.csv", "stages.drl", "transitions.csv");
    }
}
