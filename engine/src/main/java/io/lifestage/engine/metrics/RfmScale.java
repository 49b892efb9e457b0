package io.lifestage.engine.metrics;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import java.util.stream.DoubleStream;

/** Quintile scores 1–5 of one RFM dimension over the customers of a run; higher values score higher. */
final class RfmScale {

    private final int size;
    private final IntToDoubleFunction sorted;
    /**
     * {@link #bounds()}: a score compares a value with these four instead of searching the population's values, whose
     * million entries a binary search visits far apart in memory.
     */
    private final double[] bounds;

    /**
     * A scale over {@code size} values whose {@code i}th smallest is {@code sorted.applyAsDouble(i)}: the values need
     * not be held, only be found by index in ascending order.
     */
    RfmScale(int size, IntToDoubleFunction sorted) {
        this.size = size;
        this.sorted = sorted;
        this.bounds = bounds();
    }

    static RfmScale of(DoubleStream values) {
        double[] sorted = values.toArray();
        Arrays.sort(sorted);
        return new RfmScale(sorted.length, i -> sorted[i]);
    }

    /**
     * 1 + the quintile of the share of customers with a strictly lower value; equal values score alike. A value
     * above every customer's (a customer scored against a population they are not yet part of) scores 5.
     */
    int score(double value) {
        int score = 1;
        for (double bound : bounds) {
            if (value > bound) {
                score++;
            }
        }
        return score;
    }

    /**
     * The four values a value must exceed to score 2, 3, 4 and 5: a value scores 1 + the number of them it exceeds,
     * as {@link #score} does. Empty when the scale is empty (every value scores 1).
     */
    double[] bounds() {
        double[] bounds = new double[size == 0 ? 0 : 4];
        for (int k = 1; k <= bounds.length; k++) {
            // score >= k + 1 when 5 x below >= k x n, that is below >= ceil(k x n / 5): exceeding that many values
            bounds[k - 1] = sorted.applyAsDouble((int) ((k * (long) size + 4) / 5) - 1);
        }
        return bounds;
    }
}
