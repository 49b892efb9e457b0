package io.lifestage.engine.scenario;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.LifecycleEngine;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.run.CustomerEvaluator;
import io.lifestage.engine.store.CustomerState;
import io.lifestage.engine.store.Evaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs scenarios against an engine: each scenario's events alone, classified as of its instant. A scenario that lists
 * the actions it {@code fires} is also walked through time as {@code run} and {@code serve} walk a customer
 * ({@link CustomerEvaluator}): once up to its instant, and again as a replay that evaluates at every event, a minute
 * before, at and after every expected action, and at the end, each step from the state the last one left; both must
 * fire exactly the expected actions, each once.
 */
public final class ScenarioRunner {

    private final LifecycleEngine engine;
    private final Supplier<RuleBase> rules;
    private final MetricsCalculator metrics;

    /**
     * A runner classifying with this engine (and so with its rule pack and configuration), and walking customers with
     * the rule base in service and these metric settings.
     */
    public ScenarioRunner(LifecycleEngine engine, Supplier<RuleBase> rules, MetricsCalculator metrics) {
        this.engine = engine;
        this.rules = rules;
        this.metrics = metrics;
    }

    /**
     * The outcome of one scenario.
     *
     * @param scenario the scenario
     * @param decision what the rules decided for its customer, if anything
     * @param failure  why it failed, or null when it passed
     */
    public record Outcome(Scenario scenario, Decision decision, String failure) {

        /** Whether the rules decided what the scenario expects. */
        public boolean passed() {
            return failure == null;
        }
    }

    private static Optional<Decision> decisionFor(String customerId, List<Decision> decisions) {
        return decisions.stream().filter(d -> d.customerId().equals(customerId)).findFirst();
    }

    /**
     * The anonymous id of a scenario whose events are all anonymous: with no event of the user and no identify call,
     * the customer the rules decide for is the anonymous visitor.
     */
    private static Optional<String> anonymousVisitor(Scenario scenario) {
        return scenario.events().stream().allMatch(event -> event.userId() == null) && !scenario.events().isEmpty()
                ? Optional.of(scenario.events().get(0).anonymousId()) : Optional.empty();
    }

    /** Runs one scenario. */
    public Outcome run(Scenario scenario) {
        if (!engine.stageModel().declares(scenario.expectedStage())) {
            return new Outcome(scenario, null, "expects stage '" + scenario.expectedStage()
                    + "', which the stage model does not declare (" + String.join(", ", engine.stageModel().names())
                    + ")");
        }
        List<Decision> decisions = engine.classify(scenario.events(), scenario.asOf());
        Optional<Decision> decision = decisionFor(scenario.customerId(), decisions)
                .or(() -> anonymousVisitor(scenario).flatMap(id -> decisionFor(id, decisions)));
        if (decision.isEmpty()) {
            return new Outcome(scenario, null, "no decision for customer '" + scenario.customerId() + "'");
        }
        Decision got = decision.get();
        boolean stageMatches = got.stage().equals(scenario.expectedStage());
        boolean ruleMatches = scenario.expectedRule() == null || got.rule().equals(scenario.expectedRule());
        if (stageMatches && ruleMatches) {
            return new Outcome(scenario, got, scenario.expectedActions() == null ? null
                    : actionsFailure(scenario, got.customerId()));
        }
        String expected = scenario.expectedStage()
                + (scenario.expectedRule() == null ? "" : " by " + scenario.expectedRule());
        return new Outcome(scenario, got, "expected " + expected + ", got " + got.stage() + " by " + got.rule()
                + ": " + got.reason());
    }

    /** Why the actions fired differ from those expected, once or in the replay; null when they do not. */
    private String actionsFailure(Scenario scenario, String customerId) {
        List<Fact> events = scenario.events().stream().sorted(Comparator.comparing(Event::timestamp))
                .map(Fact.class::cast).toList();
        long asOf = scenario.asOf().toEpochMilli();
        try (CustomerEvaluator walk = new CustomerEvaluator(rules.get(), metrics, RfmScales.of(List.of(), asOf))) {
            List<Scenario.Fired> once = fired(walk.evaluate(customerId, null, events, asOf).actions());
            if (!once.equals(scenario.expectedActions())) {
                return "expected the actions " + scenario.expectedActions() + ", fired " + once;
            }
            List<ActionFired> replayed = new ArrayList<>();
            CustomerState state = null;
            for (long at : replayInstants(scenario)) {
                List<Fact> arrived = events.stream()
                        .filter(e -> ((Event) e).timestamp().toEpochMilli() <= at).toList();
                Evaluation step = walk.evaluate(customerId, state, arrived, at);
                replayed.addAll(step.actions());
                state = new CustomerState(customerId, step.stage(), step.stageSince(), step.asOf());
            }
            if (!fired(replayed).equals(once)) {
                return "a replay step by step fired " + fired(replayed) + ", not " + once;
            }
            return null;
        }
    }

    private static List<Scenario.Fired> fired(List<ActionFired> actions) {
        return actions.stream().map(a -> new Scenario.Fired(a.action(), a.at())).toList();
    }

    /** Every event's instant, a minute before, at and after every expected action, and the end, up to the end. */
    private static TreeSet<Long> replayInstants(Scenario scenario) {
        TreeSet<Long> instants = new TreeSet<>();
        scenario.events().forEach(event -> instants.add(event.timestamp().toEpochMilli()));
        for (Scenario.Fired expected : scenario.expectedActions()) {
            for (Instant at : List.of(expected.at().minus(Duration.ofMinutes(1)), expected.at(),
                    expected.at().plus(Duration.ofMinutes(1)))) {
                instants.add(at.toEpochMilli());
            }
        }
        long end = scenario.asOf().toEpochMilli();
        instants.add(end);
        return new TreeSet<>(instants.headSet(end, true));
    }
}
