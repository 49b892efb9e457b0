package io.lifestage.engine.metrics;

import java.util.Arrays;
import java.util.stream.DoubleStream;

/** Quintile scores 1–5 of one RFM dimension over the customers of a run; higher values score higher. */
final class RfmScale {

    private final double[] sorted;

    private RfmScale(double[] sorted) {
        this.sorted = sorted;
    }

    static RfmScale of(DoubleStream values) {
        double[] sorted = values.toArray();
        Arrays.sort(sorted);
        return new RfmScale(sorted);
    }

    /**
     * 1 + the quintile of the share of customers with a strictly lower value; equal values score alike. A value
     * above every customer's (a customer scored against a population they are not yet part of) scores 5.
     */
    int score(double value) {
        if (sorted.length == 0) {
            return 1;
        }
        int below = lowerBound(value);
        return Math.min(5, 1 + (int) ((5L * below) / sorted.length));
    }

    /**
     * The four values a value must exceed to score 2, 3, 4 and 5: a value scores 1 + the number of them it exceeds,
     * as {@link #score} does. Empty when the scale is empty (every value scores 1).
     */
    double[] bounds() {
        double[] bounds = new double[sorted.length == 0 ? 0 : 4];
        for (int k = 1; k <= bounds.length; k++) {
            // score >= k + 1 when 5 x below >= k x n, that is below >= ceil(k x n / 5): exceeding that many values
            bounds[k - 1] = sorted[(int) ((k * (long) sorted.length + 4) / 5) - 1];
        }
        return bounds;
    }

    private int lowerBound(double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
