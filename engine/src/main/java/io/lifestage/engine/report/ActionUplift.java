package io.lifestage.engine.report;

/**
 * Whether an action works: of the customers first due it in the period, how many of those it was handed to
 * ({@code treated}) and of those held out of it ({@code heldOut}, its control group) reached the outcome it is meant to
 * cause within its window after it was due, and the uplift — the treated rate minus the held-out rate — with a 95 %
 * confidence interval by Newcombe's hybrid score method (the Wilson interval of each rate, combined; docs/reports.md).
 *
 * @param action  the action's name
 * @param outcome its outcome as the pack writes it, such as {@code Order Completed within 7d}
 * @param holdout the share of customers the pack holds out of it now, from 0 to 1
 * @param treated the customers it was handed to
 * @param heldOut the customers held out of it
 * @param uplift  the treated rate minus the held-out rate, to four decimals; null when a group is empty
 * @param low     the lower end of its 95 % confidence interval, to four decimals; null with it
 * @param high    the upper end; null with it
 */
public record ActionUplift(String action, String outcome, double holdout, Group treated, Group heldOut,
                           Double uplift, Double low, Double high) {

    /** The 0.975 quantile of the standard normal distribution, for a two-sided 95 % interval. */
    private static final double Z = 1.959963984540054;

    /**
     * One group's customers.
     *
     * @param customers the customers in it
     * @param reached   those who reached the outcome in time
     * @param rate      {@code reached / customers} to four decimals; null for no customer
     */
    public record Group(long customers, long reached, Double rate) {

        static Group of(long customers, long reached) {
            return new Group(customers, reached, customers == 0 ? null : Reports.ratio(reached, customers));
        }
    }

    /** The figures of an action from the counts of its two groups. */
    static ActionUplift of(String action, String outcome, double holdout, long treated, long treatedReached,
                           long heldOut, long heldOutReached) {
        Group t = Group.of(treated, treatedReached);
        Group c = Group.of(heldOut, heldOutReached);
        if (treated == 0 || heldOut == 0) {
            return new ActionUplift(action, outcome, holdout, t, c, null, null, null);
        }
        double p1 = (double) treatedReached / treated;
        double p2 = (double) heldOutReached / heldOut;
        double[] w1 = wilson(treatedReached, treated);
        double[] w2 = wilson(heldOutReached, heldOut);
        double difference = p1 - p2;
        double low = difference - Math.sqrt(square(p1 - w1[0]) + square(w2[1] - p2));
        double high = difference + Math.sqrt(square(w1[1] - p1) + square(p2 - w2[0]));
        return new ActionUplift(action, outcome, holdout, t, c, round(difference), round(low), round(high));
    }

    /** The Wilson score interval of {@code reached / customers}: its lower and upper ends. */
    static double[] wilson(long reached, long customers) {
        double p = (double) reached / customers;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * customers)) / (1 + z2 / customers);
        double half = Z * Math.sqrt(p * (1 - p) / customers + z2 / (4.0 * customers * customers))
                / (1 + z2 / customers);
        return new double[] {centre - half, centre + half};
    }

    private static double square(double x) {
        return x * x;
    }

    private static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }
}
