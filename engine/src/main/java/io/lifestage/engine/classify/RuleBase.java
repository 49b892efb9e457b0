package io.lifestage.engine.classify;

import io.lifestage.api.Event;
import io.lifestage.api.StageModel;
import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.TimeReads;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.kie.api.KieBase;

/**
 * A compiled, immutable rule pack: the Drools rule base, the stage model it declares, and its version — a digest of
 * the rule files, the stage names and the thresholds, so equal inputs give equal versions.
 */
public final class RuleBase {

    private final KieBase kieBase;
    private final StageModel stageModel;
    private final String version;
    private final Instant compiledAt;
    private final ConfiguredThresholds thresholds;
    private final List<RuleProblem> warnings;
    private final RuleCatalog rules;
    private final TransitionPolicy transitions;
    private final Journeys journeys;
    private final ActionCatalog actions;
    private final TimeReads timeReads;
    private final Set<String> thresholdsRead;

    RuleBase(KieBase kieBase, StageModel stageModel, String version, Instant compiledAt,
             ConfiguredThresholds thresholds, Set<String> thresholdsRead, List<RuleProblem> warnings,
             RuleCatalog rules, TransitionPolicy transitions, Journeys journeys, ActionCatalog actions,
             TimeReads timeReads) {
        this.kieBase = kieBase;
        this.stageModel = stageModel;
        this.version = version;
        this.compiledAt = compiledAt;
        this.thresholds = thresholds;
        this.thresholdsRead = Collections.unmodifiableSortedSet(new TreeSet<>(thresholdsRead));
        this.warnings = List.copyOf(warnings);
        this.rules = rules;
        this.transitions = transitions;
        this.journeys = journeys;
        this.actions = actions;
        this.timeReads = timeReads;
    }

    /** Which moves between stages the pack allows, and the lifecycle actions they trigger. */
    public TransitionPolicy transitions() {
        return transitions;
    }

    /**
     * What the actions' payloads read of facts.
     *
     * @param traitsOf     the names of the facts whose traits they read, whenever those happened: identify calls and
     *                     profiles (a profile's name is {@code Profile}) when an action carries traits
     * @param propertiesOf the names of the events whose properties they read, when the action they trigger is made: a
     *                     journey's trigger when its action carries properties, and every event when a transition's
     *                     action does, since a move's trigger is whatever event it happened at
     * @param longestWait  the longest wait of a journey whose trigger's properties are read: a trigger this long before
     *                     the earliest instant an action may be due still makes one
     */
    public record PayloadReads(Predicate<String> traitsOf, Predicate<String> propertiesOf, Duration longestWait) {
    }

    /** What the actions' payloads read of facts. */
    public PayloadReads payloadReads() {
        Set<String> journeyActions = new HashSet<>();
        Set<String> triggers = new HashSet<>();
        Duration longestWait = Duration.ZERO;
        for (Journeys.Journey journey : journeys.all()) {
            journeyActions.add(journey.action());
            if (!actions.action(journey.action()).properties().isEmpty()) {
                triggers.add(journey.trigger());
                longestWait = longestWait.compareTo(journey.delay()) < 0 ? journey.delay() : longestWait;
            }
        }
        Set<String> traitNames = new HashSet<>();
        Predicate<String> propertiesOf = triggers::contains;
        for (ActionCatalog.Action action : actions.all()) {
            if (!action.properties().isEmpty() && !journeyActions.contains(action.name())) {
                propertiesOf = name -> true;
            }
            if (!action.traits().isEmpty()) {
                traitNames.addAll(List.of(Event.IDENTIFIED, "Profile"));
            }
        }
        return new PayloadReads(traitNames::contains, propertiesOf, longestWait);
    }

    /** The journeys the pack declares beside the stages. */
    public Journeys journeys() {
        return journeys;
    }

    /** What each action carries: its channel and payload. */
    public ActionCatalog actions() {
        return actions;
    }

    /**
     * What the conditions read of the metrics that change with time alone, and the days they compare them with: where
     * a customer's stage can change with no new fact.
     */
    public TimeReads timeReads() {
        return timeReads;
    }

    RuleCatalog rules() {
        return rules;
    }

    /** What is legal but probably not meant: equal priorities that compete, stages no rule assigns. */
    public List<RuleProblem> warnings() {
        return warnings;
    }

    /** The thresholds the rules read, each with where it was set (configuration or the pack's own file). */
    public ConfiguredThresholds thresholds() {
        return thresholds;
    }

    /** The names of the thresholds the pack's rules read, in name order. */
    public Set<String> thresholdsRead() {
        return thresholdsRead;
    }

    /** The stages the pack declares. */
    public StageModel stageModel() {
        return stageModel;
    }

    /** The version every decision of this rule base names. */
    public String version() {
        return version;
    }

    /** When the pack was compiled. */
    public Instant compiledAt() {
        return compiledAt;
    }

    /**
     * Classifies built-in probe customers, as of now, with metrics computed as a run would: their decisions, and the
     * problems that shows.
     */
    public ProbeReport probe(MetricsCalculator metrics) {
        return PackProbe.run(this, metrics, Instant.now());
    }

    /** A new classifier with its own rule session; use it from one thread at a time and close it. */
    public Classifier newClassifier() {
        return new Classifier(this, kieBase, thresholds, Classifier.Limits.DEFAULT);
    }
}
