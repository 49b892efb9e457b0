package io.lifestage.engine.report;

import java.time.Instant;
import java.util.List;

/**
 * Where the customers in each stage at {@code from} are at {@code to}: one cell per pair of stages with at least one
 * customer. Rates are shares of the row (the customers who started in {@code from}'s stage).
 *
 * @param from        the first instant
 * @param to          the second instant
 * @param cells       the non-empty cells, rows in funnel order (new customers last), columns in funnel order
 * @param regressions customers in an earlier funnel stage at {@code to} than at {@code from} (churn aside)
 * @param churned     customers outside churn at {@code from} and in churn at {@code to}
 * @param reactivated customers in churn at {@code from} and in another stage at {@code to}
 */
public record TransitionMatrix(Instant from, Instant to, List<Cell> cells, long regressions, long churned,
                               long reactivated) {

    public TransitionMatrix {
        cells = List.copyOf(cells);
    }

    /**
     * One cell of the matrix.
     *
     * @param from  the stage at the first instant, or null for customers who had none yet (new in the period)
     * @param to    the stage at the second instant
     * @param count customers
     * @param rate  {@code count} divided by the customers of the row
     */
    public record Cell(String from, String to, long count, double rate) {
    }

    /** The customers who went from one stage (null: none) to another, 0 when none. */
    public long count(String fromStage, String toStage) {
        return cells.stream().filter(c -> java.util.Objects.equals(c.from(), fromStage) && c.to().equals(toStage))
                .mapToLong(Cell::count).sum();
    }
}
