package io.lifestage.engine.impact;

import io.lifestage.api.Decision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many customers go from each baseline stage to each candidate stage, with a few example customers per changed
 * cell. Rows follow the baseline's stage model, columns the candidate's, so renamed or new stages show as such.
 */
public final class StageMoves {

    private final List<String> fromStages;
    private final List<String> toStages;
    private final int examplesPerCell;
    private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    private final Map<String, List<Example>> examples = new LinkedHashMap<>();
    private long customers;
    private long moved;

    /** One customer whose stage would change, with both decisions' reasons. */
    public record Example(String customerId, Decision baseline, Decision candidate) {
    }

    StageMoves(List<String> fromStages, List<String> toStages, int examplesPerCell) {
        this.fromStages = List.copyOf(fromStages);
        this.toStages = List.copyOf(toStages);
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
        if (!baseline.stage().equals(candidate.stage())) {
            moved++;
            List<Example> cell = examples.computeIfAbsent(baseline.stage() + "→" + candidate.stage(),
                    key -> new ArrayList<>());
            if (cell.size() < examplesPerCell) {
                cell.add(new Example(baseline.customerId(), baseline, candidate));
            }
        }
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
