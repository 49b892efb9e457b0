package io.lifestage.engine.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Decision;
import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.MetricsSettings;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation runs the pack on probe customers and reports what would fail or surprise in a real run. */
class PackProbeTest {

    private static final SmallRyeConfig DEFAULTS = LifestageConfig.build(Map.of(RulesSettings.DIR, "."), null);
    private static final ConfiguredThresholds THRESHOLDS = ConfiguredThresholds.from(DEFAULTS);
    private static final MetricsCalculator METRICS =
            new MetricsCalculator(DEFAULTS.getConfigMapping(MetricsSettings.class), THRESHOLDS);

    @TempDir
    Path pack;

    private List<RuleProblem> probe(String rules) throws IOException {
        Files.writeString(pack.resolve("stages.csv"), "name,label,description\nvisitor,,\nbuyer,,\n");
        Files.writeString(pack.resolve("rules.drl"), """
                package test;
                import io.lifestage.api.rules.CustomerMetrics;
                global io.lifestage.api.rules.Verdict verdict;
                """ + rules);
        return new RuleBaseCompiler(THRESHOLDS).compile(pack).probe(METRICS).problems();
    }

    @Test
    void theDefaultPackAndTheDecisionTableExampleRunCleanOnEveryProbe() {
        for (String example : new String[] {"../rules/pack", "../rules/examples/decision-table"}) {
            RuleBase ruleBase = new RuleBaseCompiler(THRESHOLDS).compile(Path.of(example));

            assertThat(ruleBase.probe(METRICS).problems()).as(example).isEmpty();
            assertThat(ruleBase.warnings()).as(example).isEmpty();
        }
    }

    @Test
    void aConditionReadingAMissingLastSeenIsAnErrorAtItsRule() throws IOException {
        List<RuleProblem> problems = probe("""
                rule "recent"
                    salience 5
                when
                    CustomerMetrics( lastSeen.isAfter(asOf.minusSeconds(86400)) )
                then
                    verdict.assign("buyer", "seen today");
                end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);

        assertThat(problems).singleElement().hasToString("LS-RULE-0012 rules.drl:4: rule 'recent' (rules.drl:4)"
                + " failed for customer 'a contact from the CRM never seen': the condition"
                + " 'lastSeen.isAfter(asOf.minusSeconds(86400))' reads a value this customer does not have (null, for"
                + " example lastSeen of a customer never seen): check it first, as in 'lastSeen != null && …'");
        assertThat(problems.get(0).isWarning()).isFalse();
    }

    @Test
    void aWindowTheMetricsDoNotCountIsAnErrorBeforeAnyRun() throws IOException {
        List<RuleProblem> problems = probe("""
                rule "buyer"
                    salience 5
                when
                    CustomerMetrics( countWithin("Order Completed", 45) > 0 )
                then
                    verdict.assign("buyer", "bought lately");
                end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);

        assertThat(problems).singleElement().asString().startsWith("LS-RULE-0012 rules.drl:4: rule 'buyer'"
                + " (rules.drl:4) failed for customer 'a contact from the CRM never seen': no 45-day window is"
                + " counted");
    }

    @Test
    void aProbeNoRuleClassifiesIsAGap() throws IOException {
        List<RuleProblem> problems = probe("""
                rule "buyer" salience 5 when CustomerMetrics( customer ) then verdict.assign("buyer", "bought"); end
                """);

        assertThat(problems).singleElement().hasToString("LS-RULE-0105 stages.csv: no rule gives a stage to a contact"
                + " from the CRM never seen: add a rule that catches everyone else, with the lowest salience (like"
                + " 'awareness-seen' in the default pack)");
        assertThat(problems.get(0).isWarning()).isTrue();
    }

    @Test
    void twoRulesOfEqualSalienceAssigningDifferentStagesToOneProbeOverlap() throws IOException {
        List<RuleProblem> problems = probe("""
                rule "buyer"
                    salience 5
                when
                    CustomerMetrics( orders >= 1 )
                then
                    verdict.assign("buyer", "bought");
                end
                rule "big visitor"
                    salience 5
                when
                    CustomerMetrics( orders >= 6 )
                then
                    verdict.assign("visitor", "many orders");
                end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);

        assertThat(problems).singleElement().asString().matches("LS-RULE-0108 rules\\.drl:\\d+: rules '(buyer|big"
                + " visitor)' \\(\\w+\\) and '(buyer|big visitor)' \\(\\w+\\) both match a frequent buyer with 6 orders"
                + " this year with salience 5: which stage wins is not defined; give them different saliences");
    }

    @Test
    void eachProbeIsDecidedAsARunWouldDecideIt() {
        RuleBase ruleBase = new RuleBaseCompiler(THRESHOLDS).compile(Path.of("../rules/pack"));

        Map<String, Decision> decisions = ruleBase.probe(METRICS).decisions();

        assertThat(decisions.get("a contact from the CRM never seen").rule()).isEqualTo("awareness-seen");
        assertThat(decisions.get("a visitor who signed up 10 days ago").stage()).isEqualTo("consideration");
        assertThat(decisions.get("a first-time buyer 5 days ago").stage()).isEqualTo("conversion");
        assertThat(decisions.get("a frequent buyer with 6 orders this year").rule())
                .isEqualTo("loyalty-frequent-buyer");
        assertThat(decisions.get("a subscriber who cancelled 5 days ago").rule())
                .isEqualTo("churn-subscription-cancelled");
        assertThat(decisions.get("a buyer whose only order was 179 days ago").stage()).isEqualTo("retention");
        assertThat(decisions.get("a buyer whose only order was 180 days ago").stage()).isEqualTo("churn");
    }
}
