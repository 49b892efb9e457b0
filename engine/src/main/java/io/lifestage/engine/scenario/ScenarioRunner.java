package io.lifestage.engine.scenario;

import io.lifestage.api.Decision;
import io.lifestage.api.LifecycleEngine;
import java.util.List;
import java.util.Optional;

/** Runs scenarios against an engine: each scenario's events alone, classified as of its instant. */
public final class ScenarioRunner {

    private final LifecycleEngine engine;

    /** A runner classifying with this engine (and so with its rule pack and configuration). */
    public ScenarioRunner(LifecycleEngine engine) {
        this.engine = engine;
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
            return new Outcome(scenario, got, null);
        }
        String expected = scenario.expectedStage()
                + (scenario.expectedRule() == null ? "" : " by " + scenario.expectedRule());
        return new Outcome(scenario, got, "expected " + expected + ", got " + got.stage() + " by " + got.rule()
                + ": " + got.reason());
    }
}
