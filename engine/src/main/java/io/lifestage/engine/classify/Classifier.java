package io.lifestage.engine.classify;

import io.lifestage.api.Decision;
import io.lifestage.api.Explanation;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.api.rules.Thresholds;
import io.lifestage.api.rules.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.MatchCreatedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Classifies customers one at a time in a rule session: insert the customer's metrics, fire, remove them.
 * The session is replaced every {@value #CUSTOMERS_PER_SESSION} customers: Drools 10.1 keeps about 600 bytes per
 * firing in a reused session even after the fact is deleted, and a fresh session costs next to nothing at that
 * interval. Rules must not modify the fact ({@link RuleSandbox} refuses those that try). Not thread-safe: one
 * classifier per thread.
 *
 * <p>A rule cannot stall or taint a run: a customer whose rules fire more than {@link Limits#firings()} times or
 * take longer than {@link Limits#time()} fails with {@code LS-RULE-0017} or {@code LS-RULE-0018}, and a fact a rule
 * leaves in the session fails that customer with {@code LS-RULE-0019} and the session is replaced, so nothing of one
 * customer reaches the next.
 */
public final class Classifier implements AutoCloseable {

    static final int CUSTOMERS_PER_SESSION = 10_000;
    /**
     * Sessions without Drools' locks and thread hand-offs, which only a session shared by threads needs: a classifier
     * is used by one thread at a time, and a classification takes about 12 % less time without them. Made once:
     * making a configuration reads Drools' configuration files, which would cost a host 30 times the rest of a new
     * classifier at every request.
     */
    private static final KieSessionConfiguration ONE_THREAD = oneThread();

    /**
     * How much a customer's classification may take: a pack that fires one rule per customer is far below both;
     * the time is generous so that a pause of the JVM never fails a sound pack.
     */
    record Limits(int firings, Duration time) {
        static final Limits DEFAULT = new Limits(1_000, Duration.ofSeconds(10));
    }

    private final RuleBase ruleBase;
    private final KieBase kieBase;
    private final Thresholds thresholds;
    private final Limits limits;
    private final boolean usesThresholds;
    private final RecordingVerdict verdict = new RecordingVerdict();
    private KieSession session;
    private int classifiedInSession;
    private long startedNanos;
    private boolean overTime;
    private String insertingRule;
    /** Rules that matched the customer being explained; null when not explaining. */
    private List<String> matched;

    Classifier(RuleBase ruleBase, KieBase kieBase, Thresholds thresholds, Limits limits) {
        this.ruleBase = ruleBase;
        this.kieBase = kieBase;
        this.thresholds = thresholds;
        this.limits = limits;
        this.usesThresholds = kieBase.getKiePackages().stream()
                .flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals("threshold"));
        this.session = newSession();
    }

    private static KieSessionConfiguration oneThread() {
        KieSessionConfiguration configuration = KieServices.get().newKieSessionConfiguration();
        configuration.setOption(ThreadSafeOption.NO);
        return configuration;
    }

    private KieSession newSession() {
        KieSession fresh = kieBase.newKieSession(ONE_THREAD, null);
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
                if (System.nanoTime() - startedNanos > limits.time().toNanos()) {
                    overTime = true;
                    fresh.halt();
                }
            }
        });
        fresh.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getRule() != null && insertingRule == null) {
                    insertingRule = event.getRule().getName();
                }
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
        if (classifiedInSession++ >= CUSTOMERS_PER_SESSION) {
            renewSession();
            classifiedInSession = 1;
        }
        verdict.reset();
        overTime = false;
        insertingRule = null;
        startedNanos = System.nanoTime();
        FactHandle handle = null;
        int fired = 0;
        RuntimeException failure = null;
        try {
            // A session for one thread evaluates the rules' conditions as the fact goes in, not when rules fire.
            handle = session.insert(customer);
            fired = session.fireAllRules(limits.firings() + 1);
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure != null) {
            renewSession();
            String rule = RuleFailures.rule(failure, ruleBase.rules(), verdict.firingRule());
            throw new ClassificationException("LS-RULE-0012", rule, described(rule) + " failed for customer '"
                    + customer.customerId() + "': " + RuleFailures.cause(failure), failure);
        }
        session.delete(handle);
        checkLimits(customer, fired);
        if (verdict.stage() == null) {
            throw new ClassificationException("LS-RULE-0010", null, "no rule assigned a stage to customer '"
                    + customer.customerId() + "': add a rule that catches everyone else (like 'awareness' in the"
                    + " default pack)", null);
        }
        if (!ruleBase.stageModel().declares(verdict.stage())) {
            throw new ClassificationException("LS-RULE-0011", verdict.rule(), "rule '" + verdict.rule()
                    + "' assigned stage '" + verdict.stage() + "', which the stage model does not declare", null);
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

    private void checkLimits(CustomerMetrics customer, int fired) {
        ClassificationException exceeded = null;
        String firing = verdict.firingRule();
        if (fired > limits.firings()) {
            exceeded = new ClassificationException("LS-RULE-0017", firing, described(firing)
                    + " fired more than " + limits.firings() + " times for customer '" + customer.customerId()
                    + "' and was stopped: a rule that changes the customer it matches (update, modify) makes the rules"
                    + " fire again and again", null);
        } else if (overTime || System.nanoTime() - startedNanos > limits.time().toNanos()) {
            exceeded = new ClassificationException("LS-RULE-0018", firing, described(firing)
                    + " took longer than " + limits.time().toMillis() + " ms for customer '" + customer.customerId()
                    + "' and was stopped: simplify its conditions", null);
        } else if (session.getFactCount() > 0) {
            exceeded = new ClassificationException("LS-RULE-0019", insertingRule, described(insertingRule)
                    + " left a fact in the session after customer '" + customer.customerId()
                    + "': rules must not insert facts, which would reach the next customers", null);
        }
        if (exceeded != null) {
            renewSession();
            throw exceeded;
        }
    }

    /** A fresh session for the next customer, dropping whatever the failed one left behind. */
    private void renewSession() {
        session.dispose();
        session = newSession();
        classifiedInSession = 0;
    }

    private String described(String rule) {
        return RuleFailures.described(rule, ruleBase.rules());
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
