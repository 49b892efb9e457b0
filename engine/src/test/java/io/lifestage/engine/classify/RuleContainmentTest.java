package io.lifestage.engine.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.engine.config.ConfiguredThresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.utils.KieHelper;

/**
 * Rules that got past the sandbox (compiled here without it) still cannot hang a run or taint the next customer:
 * the classifier stops them with a named error and carries on with a clean session.
 */
class RuleContainmentTest {

    private static final String HEADER = """
            package test;
            import io.lifestage.api.rules.CustomerMetrics;
            global io.lifestage.api.rules.Verdict verdict;
            rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
            """;

    @TempDir
    Path pack;

    /** A classifier running these rules unchecked, with the stage model and names of a sound pack. */
    private Classifier unchecked(String rules, Classifier.Limits limits) throws IOException {
        Files.writeString(pack.resolve("stages.csv"), "name,label,description\nvisitor,,\nloyal,,\n");
        Files.writeString(pack.resolve("rules.drl"), HEADER);
        RuleBase sound = new RuleBaseCompiler(ConfiguredThresholds.of(Map.of())).compile(pack);
        KieBase kieBase = new KieHelper().addContent(HEADER + rules, ResourceType.DRL).build();
        return new Classifier(sound, kieBase, ConfiguredThresholds.of(Map.of()), limits);
    }

    @Test
    void aRuleThatUpdatesItsCustomerWithoutNoLoopIsStoppedInsteadOfHanging() throws IOException {
        try (Classifier classifier = unchecked("""
                rule "touch" salience 5 when $c : CustomerMetrics( ) then update($c); end
                """, new Classifier.Limits(50, Duration.ofSeconds(10)))) {
            assertThatThrownBy(() -> classifier.classify(Customers.with("c1", 0)))
                    .isInstanceOf(ClassificationException.class)
                    .hasMessageStartingWith("LS-RULE-0017 rule 'touch' fired more than 50 times for customer 'c1'"
                            + " and was stopped");
        }
    }

    @Test
    void aRuleOverTheTimeLimitIsStoppedWithItsName() throws IOException {
        try (Classifier classifier = unchecked("""
                rule "slow" salience 5 when String( ) from [ "a", "b", "c", "d" ]
                then Thread.sleep(40); end
                """, new Classifier.Limits(1_000, Duration.ofMillis(20)))) {
            assertThatThrownBy(() -> classifier.classify(Customers.with("c1", 0)))
                    .isInstanceOf(ClassificationException.class)
                    .hasMessageStartingWith("LS-RULE-0018 rule 'slow' took longer than 20 ms for customer 'c1'");
        }
    }

    @Test
    void aFactInsertedByARuleNeverReachesTheNextCustomer() throws IOException {
        try (Classifier classifier = unchecked("""
                rule "remember big buyers" salience 5 when CustomerMetrics( orders > 5 ) then insert("big"); end
                rule "loyal" salience 3 when String( this == "big" ) CustomerMetrics( )
                then verdict.assign("loyal", "a big buyer was seen"); end
                """, Classifier.Limits.DEFAULT)) {
            assertThatThrownBy(() -> classifier.classify(Customers.with("big", 9)))
                    .isInstanceOf(ClassificationException.class)
                    .hasMessageStartingWith("LS-RULE-0019 rule 'remember big buyers' left a fact in the session"
                            + " after customer 'big'");

            assertThat(classifier.classify(Customers.with("next", 0)).stage()).isEqualTo("visitor");
        }
    }
}
