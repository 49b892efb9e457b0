package io.lifestage.engine.diff;

import io.lifestage.api.Decision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many customers go from each baseline stage to each candidate stage, with a few example customers per changed
 * cell. Rows follow the baseline's stage model, columns the candidate's, so renamed or new stages show as such; a
 * stage the caller says was renamed counts as the same stage, so its customers do not move.
 */
public final class MoveMatrix {

    private final List<String> fromStages;
    private final List<String> toStages;
    private final int examplesPerCell;
    private final Map<String, String> renames;
    private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    private final Map<String, List<Example>> examples = new LinkedHashMap<>();
    private long customers;
    private long moved;

    /** One customer whose stage would change, with both decisions' reasons. */
    public record Example(String customerId, Decision baseline, Decision candidate) {
    }

    MoveMatrix(List<String> fromStages, List<String> toStages, Map<String, String> renames, int examplesPerCell) {
        this.fromStages = List.copyOf(fromStages);
        this.toStages = List.copyOf(toStages);
        this.renames = Map.copyOf(renames);
        this.examplesPerCell = examplesPerCell;
        for (String from : fromStages) {
            Map<String, Long> row = new LinkedHashMap<>();
            toStages.forEach(to -> row.put(to, 0L));
            counts.put(from, row);
        }
    }

    void add(Decision baseline, Decision candidate) {
        customers++;
        counts.get(baseline.stage()).merge(candidate.stage(), 1L, Long::sum);
        if (isMove(baseline.stage(), candidate.stage())) {
            moved++;
            List<Example> cell = examples.computeIfAbsent(baseline.stage() + "→" + candidate.stage(),
                    key -> new ArrayList<>());
            if (cell.size() < examplesPerCell) {
                cell.add(new Example(baseline.customerId(), baseline, candidate));
            }
        }
    }

    /** Whether a customer going from this baseline stage to this candidate stage changes stage: not a rename. */
    public boolean isMove(String from, String to) {
        return !renames.getOrDefault(from, from).equals(to);
    }

    /** The baseline stages renamed in the candidate, by their old name. */
    public Map<String, String> renames() {
        return renames;
    }

    /** The baseline's stages, in order: the rows. */
    public List<String> fromStages() {
        return fromStages;
    }

    /** The candidate's stages, in order: the columns. */
    public List<String> toStages() {
        return toStages;
    }

    /** Customers the baseline put in {@code from} and the candidate puts in {@code to}. */
    public long count(String from, String to) {
        return counts.getOrDefault(from, Map.of()).getOrDefault(to, 0L);
    }

    /** Examples of customers moving from one stage to another, at most the number asked for. */
    public List<Example> examples(String from, String to) {
        return Collections.unmodifiableList(examples.getOrDefault(from + "→" + to, List.of()));
    }

    /** All customers compared. */
    public long customers() {
        return customers;
    }

    /** Customers whose stage would change. */
    public long moved() {
        return moved;
    }
}
