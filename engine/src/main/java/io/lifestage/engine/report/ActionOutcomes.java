package io.lifestage.engine.report;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.engine.classify.ActionCatalog;
import io.lifestage.engine.store.StageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Measures each action that names an outcome ({@link ActionUplift}) from the stored actions: one grouped read of each
 * customer's first action of each name in the period; then, for those customers only, one read of their outcome events
 * (when an outcome is an event) and one pass over the applied transitions (when one is a stage). A customer counts
 * once per action, in the group of their first action in the period, and only when its window ended by the period's
 * end: a later outcome could still come.
 */
final class ActionOutcomes {

    /** A customer's first action of a name, and whether they reached its outcome. */
    private static final class Exposure {
        private final StageStore.ActionExposure first;
        private final ActionCatalog.Outcome outcome;
        private boolean reached;

        Exposure(StageStore.ActionExposure first, ActionCatalog.Outcome outcome) {
            this.first = first;
            this.outcome = outcome;
        }

        /** Takes something that happened to the customer at {@code at}: the outcome when it is in the window. */
        void happened(String event, String stage, long at) {
            boolean matches = outcome.event() != null ? outcome.event().equals(event) : outcome.stage().equals(stage);
            long since = first.at().toEpochMilli();
            reached |= matches && at > since && at <= since + outcome.window().toMillis();
        }
    }

    private ActionOutcomes() {
    }

    /** The figures of each action of the catalog that names an outcome, in the catalog's order. */
    static List<ActionUplift> measure(StageStore store, ActionCatalog catalog, Instant from, Instant to) {
        Map<String, ActionCatalog.Action> measured = new LinkedHashMap<>();
        catalog.all().stream().filter(action -> action.outcome() != null)
                .forEach(action -> measured.put(action.name(), action));
        if (measured.isEmpty()) {
            return List.of();
        }
        long end = to.toEpochMilli();
        Map<String, List<Exposure>> byCustomer = new LinkedHashMap<>();
        for (StageStore.ActionExposure first : store.firstActions(measured.keySet(), from, to)) {
            ActionCatalog.Outcome outcome = measured.get(first.action()).outcome();
            if (first.at().toEpochMilli() + outcome.window().toMillis() <= end) {
                byCustomer.computeIfAbsent(first.customerId(), c -> new ArrayList<>())
                        .add(new Exposure(first, outcome));
            }
        }
        Set<String> events = measured.values().stream().map(action -> action.outcome().event())
                .filter(Objects::nonNull).collect(Collectors.toSet());
        if (!events.isEmpty() && !byCustomer.isEmpty()) {
            Iterator<List<Exposure>> customers = byCustomer.values().iterator();
            store.facts(List.copyOf(byCustomer.keySet()), events, (name, at) -> false, facts -> {
                List<Exposure> exposures = customers.next();
                for (Fact fact : facts) {
                    if (fact instanceof Event event) {
                        exposures.forEach(e -> e.happened(event.name(), null, event.timestamp().toEpochMilli()));
                    }
                }
            });
        }
        if (measured.values().stream().anyMatch(action -> action.outcome().stage() != null)) {
            store.appliedMoves((customer, fromStage, toStage, at) -> byCustomer.getOrDefault(customer, List.of())
                    .forEach(e -> e.happened(null, toStage, at.toEpochMilli())));
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        measured.keySet().forEach(action -> counts.put(action, new long[4]));
        byCustomer.values().forEach(exposures -> exposures.forEach(e -> {
            long[] tally = counts.get(e.first.action());
            int group = e.first.heldOut() ? 2 : 0;
            tally[group]++;
            tally[group + 1] += e.reached ? 1 : 0;
        }));
        return measured.values().stream().map(action -> {
            long[] tally = counts.get(action.name());
            return ActionUplift.of(action.name(), action.outcome().toString(), action.holdoutShare(),
                    tally[0], tally[1], tally[2], tally[3]);
        }).toList();
    }
}
