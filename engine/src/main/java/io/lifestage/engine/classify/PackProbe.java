package io.lifestage.engine.classify;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.api.Explanation;
import io.lifestage.api.Fact;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.MetricsRun;
import io.lifestage.engine.metrics.TimeReads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a compiled pack on built-in probe customers before it goes live: every stage's archetype, a contact never seen
 * (no {@code lastSeen}), visitors with no purchase and no survey, and customers one day either side of each day count
 * the rules compare. Each probe is named for what it is, so a problem reads "for customer 'a visitor seen today'".
 * Failures at run time are errors with the rule's file and line; a probe no rule classifies is a gap
 * ({@code LS-RULE-0105}) and a probe two rules of equal salience assign different stages an overlap
 * ({@code LS-RULE-0108}), both warnings.
 */
final class PackProbe {

    private static final int MAX_EDGE_DAYS = 20;

    private final Instant asOf;
    private final Map<String, List<Fact>> probes = new LinkedHashMap<>();

    private PackProbe(Instant asOf) {
        this.asOf = asOf;
    }

    static ProbeReport run(RuleBase ruleBase, MetricsCalculator metrics, Instant asOf) {
        PackProbe probe = new PackProbe(asOf);
        probe.archetypes();
        probe.edges(ruleBase.timeReads());
        return probe.classify(ruleBase, metrics);
    }

    private void archetypes() {
        probes.put("a contact from the CRM never seen", List.of(new CustomerProfile("a contact from the CRM never seen",
                Map.of("email", "probe@example.com"), daysAgo(30))));
        visitor("a visitor seen today", "Page Viewed", 0);
        visitor("a visitor silent for 400 days", "Page Viewed", 400);
        visitor("a visitor who signed up 10 days ago", "Signed Up", 10);
        visitor("a visitor who started a trial 3 days ago", "Trial Started", 3);
        add("a visitor who viewed 5 products this week", List.of(
                event("Product Viewed", 1), event("Product Viewed", 2), event("Product Viewed", 3),
                event("Product Viewed", 4), event("Product Viewed", 5)));
        visitor("a visitor who added a product to the cart yesterday", "Product Added", 1);
        add("a first-time buyer 5 days ago", List.of(order(5)));
        add("a first-time buyer 200 days ago", List.of(order(200), event("Page Viewed", 20)));
        add("a repeat buyer with 2 orders this year", List.of(order(200), order(20)));
        add("a frequent buyer with 6 orders this year", List.of(order(300), order(250), order(200), order(100),
                order(50), order(10)));
        add("a promoter with 2 orders and a survey score of 10", List.of(order(100), order(30),
                event("Survey Answered", 10, Map.of("score", 10))));
        add("a detractor with 1 order and a survey score of 0", List.of(order(60),
                event("Survey Answered", 10, Map.of("score", 0))));
        add("a buyer who referred a friend last month", List.of(order(90), event("Referral Sent", 30)));
        add("a subscriber since 90 days", List.of(event("Subscription Started", 90), event("Page Viewed", 2)));
        add("a subscriber who cancelled 5 days ago", List.of(event("Subscription Started", 200),
                event("Subscription Cancelled", 5)));
        add("a buyer silent for 400 days", List.of(order(500), order(400)));
        add("a buyer whose only order was refunded", List.of(order(40), event("Order Refunded", 35,
                Map.of("total", 40))));
    }

    /** Buyers and visitors one day either side of each day count the rules compare. */
    private void edges(TimeReads reads) {
        Set<Integer> days = new LinkedHashSet<>();
        for (TimeReads.Read read : reads.reads()) {
            if (read.metric() != TimeReads.Metric.COUNT_WITHIN && read.days() > 0 && days.size() < MAX_EDGE_DAYS) {
                days.add(read.days());
            }
        }
        for (int day : days) {
            for (int edge : new int[] {day - 1, day}) {
                add("a buyer whose only order was " + edge + " days ago", List.of(order(edge)));
                visitor("a visitor last seen " + edge + " days ago", "Page Viewed", edge);
            }
        }
    }

    private ProbeReport classify(RuleBase ruleBase, MetricsCalculator metrics) {
        MetricsRun run = metrics.newRun(asOf);
        probes.values().forEach(facts -> facts.forEach(run::add));
        run.finish();
        Map<String, Decision> decisions = new LinkedHashMap<>();
        Map<String, RuleProblem> found = new LinkedHashMap<>();
        try (Classifier classifier = ruleBase.newClassifier()) {
            for (String probe : probes.keySet()) {
                CustomerMetrics customer = run.takeMetrics(run.indexOf(probe));
                try {
                    Explanation explanation = classifier.explain(customer);
                    decisions.put(probe, explanation.decision());
                    overlaps(ruleBase.rules(), probe, explanation, found);
                } catch (ClassificationException e) {
                    found.putIfAbsent(e.code() + e.rule(), problem(ruleBase.rules(), probe, e));
                }
            }
        }
        return new ProbeReport(decisions, List.copyOf(found.values()));
    }

    private static RuleProblem problem(RuleCatalog rules, String probe, ClassificationException e) {
        if (e.code().equals("LS-RULE-0010")) {
            return new RuleProblem("LS-RULE-0105", RulePack.STAGES_FILE, 0, "no rule gives a stage to " + probe
                    + ": add a rule that catches everyone else, with the lowest salience (like 'awareness-seen' in"
                    + " the default pack)");
        }
        RuleCatalog.Entry rule = e.rule() == null ? null : rules.find(e.rule()).orElse(null);
        return new RuleProblem(e.code(), rule == null ? "." : rule.file(), rule == null ? 0 : rule.line(),
                e.getMessage().substring(e.code().length() + 1));
    }

    /** Adds a warning when another rule of the decider's salience also matched and assigns another stage. */
    private static void overlaps(RuleCatalog rules, String probe, Explanation explanation,
                                 Map<String, RuleProblem> found) {
        RuleCatalog.Entry decider = rules.find(explanation.decision().rule()).orElse(null);
        if (decider == null) {
            return;
        }
        for (Explanation.RuleMatch match : explanation.matches()) {
            RuleCatalog.Entry other = rules.find(match.rule()).orElse(null);
            if (other != null && other != decider && other.salience() == decider.salience()
                    && !other.stage().isEmpty() && !decider.stage().isEmpty()
                    && !other.stage().equals(decider.stage())) {
                found.putIfAbsent("overlap " + other.name() + decider.name(), new RuleProblem("LS-RULE-0108",
                        decider.file(), decider.line(), "rules '" + decider.name() + "' (" + decider.stage()
                        + ") and '" + other.name() + "' (" + other.stage() + ") both match " + probe
                        + " with salience " + decider.salience() + ": which stage wins is not defined; give them"
                        + " different saliences"));
            }
        }
    }

    private void visitor(String description, String event, int daysAgo) {
        add(description, List.of(event(event, daysAgo)));
    }

    private void add(String description, List<Event> events) {
        List<Fact> facts = new ArrayList<>();
        for (Event event : events) {
            facts.add(Event.track(description, event.name(), event.timestamp(), event.properties()));
        }
        probes.put(description, facts);
    }

    private Event order(int daysAgo) {
        return event("Order Completed", daysAgo, Map.of("total", 40));
    }

    private Event event(String name, int daysAgo) {
        return event(name, daysAgo, Map.of());
    }

    private Event event(String name, int daysAgo, Map<String, Object> properties) {
        return Event.track("probe", name, daysAgo(daysAgo), properties);
    }

    private Instant daysAgo(int days) {
        return asOf.minus(Duration.ofDays(days)).minus(Duration.ofHours(1));
    }
}
