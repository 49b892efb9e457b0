package io.lifestage.engine.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.testing.TestPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule may read the customer and assign the verdict; anything reaching further is refused with file and line. */
class RuleSandboxTest {

    @TempDir
    Path pack;

    private RulePackException refused(String consequence) throws IOException {
        TestPack.write(pack, "visitor", """
                rule "visitor"
                when
                    $c : CustomerMetrics( )
                then
                """ + consequence + """

                    verdict.assign("visitor", "seen");
                end
                """);
        return catchThrowableOfType(RulePackException.class,
                () -> new RuleBaseCompiler(ConfiguredThresholds.of(Map.of())).compile(pack));
    }

    @Test
    void refusesARuleThatStopsTheProgram() throws IOException {
        assertThat(refused("    System.exit(0);").problems()).extracting(RuleProblem::toString)
                .containsExactly("LS-RULE-0016 rules.drl:9: rules may not stop the program or read its environment"
                        + " ('System'): a rule reads the customer (CustomerMetrics) and thresholds and calls"
                        + " verdict.assign(stage, reason); see docs/rule-authoring.md");
    }

    @Test
    void refusesARuleThatWritesAFileByItsFullName() throws IOException {
        assertThat(refused("    java.nio.file.Files.writeString(java.nio.file.Path.of(\"ids.txt\"), $c.customerId());")
                .problems().get(0).toString())
                .startsWith("LS-RULE-0016 rules.drl:9: rules may not use java.nio.file.Files: ");
    }

    @Test
    void refusesARuleThatUpdatesItsCustomer() throws IOException {
        assertThat(refused("    update($c);").problems().get(0).toString())
                .startsWith("LS-RULE-0016 rules.drl:9: rules may not change the facts of the session ('update')");
    }

    @Test
    void refusesARuleThatInsertsAFact() throws IOException {
        assertThat(refused("    insert(\"loyal\");").problems().get(0).toString())
                .startsWith("LS-RULE-0016 rules.drl:9: rules may not change the facts of the session ('insert')");
    }

    @Test
    void refusesThreadsReflectionAndLoops() throws IOException {
        assertThat(refused("""
                    new Thread(() -> {}).start();
                    $c.getClass();
                    while (true) { }
                    new Object();
                """).problems()).extracting(RuleProblem::toString).filteredOn(p -> p.startsWith("LS-RULE-0016"))
                .satisfiesExactly(
                    thread -> assertThat(thread).startsWith(
                            "LS-RULE-0016 rules.drl:9: rules may not use threads ('Thread')"),
                    reflection -> assertThat(reflection).startsWith(
                            "LS-RULE-0016 rules.drl:10: rules may not use reflection ('getClass')"),
                    loop -> assertThat(loop).startsWith("LS-RULE-0016 rules.drl:11: rules may not loop ('while')"),
                    object -> assertThat(object).startsWith("LS-RULE-0016 rules.drl:12: rules may not use 'Object'"));
    }

    @Test
    void refusesAnImportOutsideTheRuleApi() throws IOException {
        Files.writeString(pack.resolve("stages.csv"), "name,label,description\nvisitor,,\n");
        Files.writeString(pack.resolve("rules.drl"), """
                package test;
                import io.lifestage.api.rules.CustomerMetrics;
                import java.io.FileWriter;
                global io.lifestage.api.rules.Verdict verdict;
                rule "visitor" when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);

        RulePackException refused = catchThrowableOfType(RulePackException.class,
                () -> new RuleBaseCompiler(ConfiguredThresholds.of(Map.of())).compile(pack));

        assertThat(refused.problems().get(0).toString())
                .startsWith("LS-RULE-0016 rules.drl:3: rules may not import java.io.FileWriter: ");
    }

    @Test
    void wordsInStringsAndCommentsAreNotCode() {
        String text = "verdict.assign(\"x\", \"System.exit for a while\"); // update(x)\n";

        assertThat(RuleSandbox.codeOnly(text)).hasSameSizeAs(text).startsWith("verdict.assign(\" \", \"  ")
                .doesNotContain("System").doesNotContain("update").endsWith("\n");
    }
}
