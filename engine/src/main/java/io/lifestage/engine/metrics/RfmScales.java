package io.lifestage.engine.metrics;

import java.util.Collection;

/**
 * The RFM quintile scales of a customer population, fixed so that customers evaluated one by one (an incremental
 * run, or the same customer at a later instant) are scored against the same population as a whole run.
 */
public final class RfmScales {

    /**
     * What the scales need of one buyer: when they last bought, how often and for how much.
     *
     * @param lastPurchase epoch milliseconds of the last purchase
     * @param purchases    orders plus subscription starts
     * @param revenue      revenue net of refunds
     */
    public record Buyer(long lastPurchase, int purchases, double revenue) {
    }

    private final long asOf;
    private final RfmScale recency;
    final RfmScale frequency;
    final RfmScale monetary;

    private RfmScales(long asOf, RfmScale recency, RfmScale frequency, RfmScale monetary) {
        this.asOf = asOf;
        this.recency = recency;
        this.frequency = frequency;
        this.monetary = monetary;
    }

    /**
     * The scales over these buyers as of an instant. Recency is measured in whole days before that instant, also
     * when a customer is later scored as of another instant, so that the population's ranking stays the same.
     */
    public static RfmScales of(Collection<Buyer> buyers, long asOfMillis) {
        return new RfmScales(asOfMillis,
                RfmScale.of(buyers.stream().mapToDouble(b -> -daysBefore(asOfMillis, b.lastPurchase()))),
                RfmScale.of(buyers.stream().mapToDouble(Buyer::purchases)),
                RfmScale.of(buyers.stream().mapToDouble(Buyer::revenue)));
    }

    int recencyScore(long lastPurchase) {
        return recency.score(-daysBefore(asOf, lastPurchase));
    }

    private static long daysBefore(long asOf, long instant) {
        return (asOf - instant) / MetricsPlan.DAY_MILLIS;
    }
}
