package io.lifestage.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered list of stages a rule pack declares: the lifecycle the customers move through.
 * The order is the order of the funnel (awareness first in the default pack); it is data, not code.
 */
public final class StageModel {

    private final Map<String, Stage> byName = new LinkedHashMap<>();

    private StageModel(List<Stage> stages) {
        for (Stage stage : stages) {
            if (byName.putIfAbsent(stage.name(), stage) != null) {
                throw new IllegalArgumentException("stage '" + stage.name() + "' is declared twice");
            }
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("a stage model needs at least one stage");
        }
    }

    /** A model of the given stages, in order; names must be unique. */
    public static StageModel of(List<Stage> stages) {
        return new StageModel(stages);
    }

    /** The stages, in order. */
    public List<Stage> stages() {
        return List.copyOf(byName.values());
    }

    /** The stage names, in order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The stage with this name, if declared. */
    public Optional<Stage> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Whether a stage with this name is declared. */
    public boolean declares(String name) {
        return byName.containsKey(name);
    }

    /**
     * Whether a move from {@code from} to {@code to} goes back in the funnel: {@code to} is declared before
     * {@code from}. A first stage ({@code from} null) is never a move back.
     *
     * @throws IllegalArgumentException naming a stage the model does not declare
     */
    public boolean isBackward(String from, String to) {
        return from != null && index(to) < index(from);
    }

    private int index(String name) {
        int index = names().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("stage '" + name + "' is not one of " + names());
        }
        return index;
    }

    @Override
    public String toString() {
        return "StageModel" + names();
    }
}
