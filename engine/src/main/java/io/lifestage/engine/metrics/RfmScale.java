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
