package io.lifestage.engine.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lifestage.api.Decision;
import io.lifestage.api.Explanation;
import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.testing.TestPack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A classifier names the deciding rule and refuses decisions the stage model cannot hold. */
class ClassifierTest {

    /** Buyers (an order or more) before visitors (everyone). */
    private static final String BUYER_OR_VISITOR = """
            rule "buyer" salience 2 when CustomerMetrics( orders > 0 ) then verdict.assign("buyer", "bought"); end
            rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
            """;

    @TempDir
    Path pack;

    private RuleBase compile(String rules) throws IOException {
        TestPack.write(pack, "buyer,visitor", rules);
        return new RuleBaseCompiler(ConfiguredThresholds.of(Map.of())).compile(pack);
    }

    /** What classifying a customer without orders with these rules throws. */
    private ClassificationException failureOf(String customer, String rules) throws IOException {
        try (Classifier classifier = compile(rules).newClassifier()) {
            return catchThrowableOfType(ClassificationException.class,
                    () -> classifier.classify(Customers.with(customer, 0)));
        }
    }

    @Test
    void theHighestSalienceMatchDecidesAndIsNamed() throws IOException {
        RuleBase ruleBase = compile(BUYER_OR_VISITOR);

        try (Classifier classifier = ruleBase.newClassifier()) {
            Decision buyer = classifier.classify(Customers.with("c1", 2));
            Decision visitor = classifier.classify(Customers.with("c2", 0));

            assertThat(buyer).isEqualTo(
                    new Decision("c1", "buyer", "buyer", "bought", Customers.AS_OF, ruleBase.version()));
            assertThat(visitor.stage()).isEqualTo("visitor");
            assertThat(visitor.rule()).isEqualTo("visitor");
        }
    }

    @Test
    void keepsDecidingTheSameWayAcrossSessionRenewals() throws IOException {
        RuleBase ruleBase = compile(BUYER_OR_VISITOR);

        try (Classifier classifier = ruleBase.newClassifier()) {
            for (int i = 0; i < Classifier.CUSTOMERS_PER_SESSION * 2 + 10; i++) {
                assertThat(classifier.classify(Customers.with("c" + i, i % 2)).stage())
                        .isEqualTo(i % 2 == 1 ? "buyer" : "visitor");
            }
        }
    }

    @Test
    void explainsEveryMatchHighestPriorityFirstAndWhatTheWinnerRead() throws IOException {
        RuleBase ruleBase = compile("""
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                rule "buyer" salience 5 when CustomerMetrics( orders > 1, revenue >= 0 )
                    then verdict.assign("buyer", "bought"); end
                rule "big buyer" salience 3 when CustomerMetrics( orders > 1 ) then verdict.assign("buyer", "big"); end
                """);

        try (Classifier classifier = ruleBase.newClassifier()) {
            Explanation explanation = classifier.explain(Customers.with("c1", 2));

            assertThat(explanation.decision().rule()).isEqualTo("buyer");
            assertThat(explanation.matches()).containsExactly(
                    new Explanation.RuleMatch("buyer", 5, true),
                    new Explanation.RuleMatch("big buyer", 3, false),
                    new Explanation.RuleMatch("visitor", 1, false));
            assertThat(explanation.inputs()).containsExactly(Map.entry("orders", 2), Map.entry("revenue", 0.0));
        }
    }

    @Test
    void aCustomerNoRuleMatchesIsAnError() throws IOException {
        ClassificationException failure = failureOf("c9", """
                rule "buyer" when CustomerMetrics( orders > 0 ) then verdict.assign("buyer", "bought"); end
                """);

        assertThat(failure).hasMessageStartingWith("LS-RULE-0010 no rule assigned a stage to customer 'c9'");
    }

    @Test
    void aStageComputedAtRunTimeMustStillBeDeclared() throws IOException {
        ClassificationException failure = failureOf("c1", """
                rule "dynamic" when CustomerMetrics( ) then verdict.assign("vip".toUpperCase(), "x"); end
                """);

        assertThat(failure).hasMessage(
                "LS-RULE-0011 rule 'dynamic' assigned stage 'VIP', which the stage model does not declare");
    }

    @Test
    void aFailingRuleIsReportedWithTheCustomer() throws IOException {
        ClassificationException failure = failureOf("c1", """
                rule "fails" when CustomerMetrics( ) then verdict.assign("buyer", "" + Integer.parseInt("many")); end
                """);

        assertThat(failure).hasMessage(
                "LS-RULE-0012 rule 'fails' failed for customer 'c1': For input string: \"many\"");
    }

    @Test
    void aFailingConditionNamesItsRuleWithFileAndLine() throws IOException {
        ClassificationException failure = failureOf("c1", """
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                rule "recent"
                    salience 5
                when
                    CustomerMetrics( lastSeen.isAfter(asOf) )
                then
                    verdict.assign("buyer", "seen lately");
                end
                """);

        assertThat(failure).hasMessageStartingWith(
                "LS-RULE-0012 rule 'recent' (rules.drl:6) failed for customer 'c1': ");
    }
}
