package io.lifestage.engine.classify;

import io.lifestage.api.Decision;
import io.lifestage.api.Explanation;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.api.rules.Thresholds;
import io.lifestage.api.rules.Verdict;
import org.kie.api.KieBase;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.MatchCreatedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Classifies customers one at a time in a rule session: insert the customer's metrics, fire, remove them.
 * The session is replaced every {@value #CUSTOMERS_PER_SESSION} customers: Drools 10.1 keeps about 600 bytes per
 * firing in a reused session even after the fact is deleted, and a fresh session costs next to nothing at that
 * interval. Rules must not modify the fact. Not thread-safe: one classifier per thread.
 */
public final class Classifier implements AutoCloseable {

    static final int CUSTOMERS_PER_SESSION = 10_000;

    private final RuleBase ruleBase;
    private final KieBase kieBase;
    private final Thresholds thresholds;
    private final boolean usesThresholds;
    private final RecordingVerdict verdict = new RecordingVerdict();
    private KieSession session;
    private int classifiedInSession;
    /** Rules that matched the customer being explained; null when not explaining. */
    private List<String> matched;

    Classifier(RuleBase ruleBase, KieBase kieBase, Thresholds thresholds) {
        this.ruleBase = ruleBase;
        this.kieBase = kieBase;
        this.thresholds = thresholds;
        this.usesThresholds = kieBase.getKiePackages().stream()
                .flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals("threshold"));
        this.session = newSession();
    }

    private KieSession newSession() {
        KieSession fresh = kieBase.newKieSession();
        fresh.setGlobal("verdict", verdict);
        if (usesThresholds) {
            fresh.setGlobal("threshold", thresholds);
        }
        fresh.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void matchCreated(MatchCreatedEvent event) {
                if (matched != null) {
                    matched.add(event.getMatch().getRule().getName());
                }
            }

            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                verdict.firing(event.getMatch().getRule().getName());
            }
        });
        return fresh;
    }

    /**
     * The decision of the rule base for one customer.
     *
     * @throws ClassificationException when no rule assigns a stage, a rule fails, or a rule names an undeclared stage
     */
    public Decision classify(CustomerMetrics customer) {
        if (++classifiedInSession > CUSTOMERS_PER_SESSION) {
            session.dispose();
            session = newSession();
            classifiedInSession = 1;
        }
        verdict.reset();
        FactHandle handle = session.insert(customer);
        try {
            session.fireAllRules();
        } catch (RuntimeException e) {
            throw new ClassificationException("LS-RULE-0012 rule '" + verdict.firingRule() + "' failed for customer '"
                    + customer.customerId() + "': " + rootMessage(e), e);
        } finally {
            session.delete(handle);
        }
        if (verdict.stage() == null) {
            throw new ClassificationException("LS-RULE-0010 no rule assigned a stage to customer '"
                    + customer.customerId() + "': add a rule that catches everyone else (like 'awareness' in the"
                    + " default pack)", null);
        }
        if (!ruleBase.stageModel().declares(verdict.stage())) {
            throw new ClassificationException("LS-RULE-0011 rule '" + verdict.rule() + "' assigned stage '"
                    + verdict.stage() + "', which the stage model does not declare", null);
        }
        return new Decision(customer.customerId(), verdict.stage(), verdict.rule(), verdict.reason(),
                customer.asOf(), ruleBase.version());
    }

    /**
     * The decision for one customer with why: every rule that matched, highest salience first, the one that
     * decided, and the values it read.
     */
    public Explanation explain(CustomerMetrics customer) {
        matched = new ArrayList<>();
        try {
            Decision decision = classify(customer);
            RuleCatalog rules = ruleBase.rules();
            List<Explanation.RuleMatch> matches = matched.stream().distinct()
                    .map(rule -> new Explanation.RuleMatch(rule,
                            rules.find(rule).map(RuleCatalog.Entry::salience).orElse(0),
                            rule.equals(decision.rule())))
                    .sorted(Comparator.comparingInt(Explanation.RuleMatch::salience).reversed())
                    .toList();
            Map<String, Object> inputs = rules.find(decision.rule())
                    .map(rule -> rule.reads().valuesFor(customer)).orElse(Map.of());
            return new Explanation(decision, matches, inputs);
        } finally {
            matched = null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        session.dispose();
    }

    /** The verdict rules write to; the first assignment of a firing wins, later ones are ignored. */
    private static final class RecordingVerdict implements Verdict {

        private String firingRule;
        private String rule;
        private String stage;
        private String reason;

        void reset() {
            firingRule = null;
            rule = null;
            stage = null;
            reason = null;
        }

        void firing(String ruleName) {
            firingRule = ruleName;
        }

        @Override
        public void assign(String stage, String reason) {
            if (this.stage == null) {
                this.stage = stage;
                this.reason = reason == null ? "" : reason;
                this.rule = firingRule;
            }
        }

        String firingRule() {
            return firingRule;
        }

        String rule() {
            return rule;
        }

        String stage() {
            return stage;
        }

        String reason() {
            return reason;
        }
    }
}
