package io.lifestage.engine.metrics;

import io.lifestage.engine.internal.Days;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.IntStream;

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
    /** The buyers' last purchases in ascending order, from which the recency scale is measured as of any instant. */
    private final long[] lastPurchases;
    private final RfmScale recency;
    final RfmScale frequency;
    final RfmScale monetary;

    private RfmScales(long asOf, long[] lastPurchases, RfmScale frequency, RfmScale monetary) {
        this.asOf = asOf;
        this.lastPurchases = lastPurchases;
        // An earlier purchase is as many whole days before asOf or more, so minus those days ascends with the purchase
        this.recency = new RfmScale(lastPurchases.length, i -> -daysBefore(asOf, lastPurchases[i]));
        this.frequency = frequency;
        this.monetary = monetary;
    }

    /**
     * A buyer's three scores against a population, each 1 to 5.
     *
     * @param recency   the score of their last purchase's recency
     * @param frequency the score of their purchases
     * @param monetary  the score of their revenue
     */
    public record Scores(int recency, int frequency, int monetary) {
    }

    /**
     * The scales over these buyers as of an instant. Recency is measured in whole days before that instant, also
     * when a customer is later scored as of another instant, so that the population's ranking stays the same.
     */
    public static RfmScales of(Collection<Buyer> buyers, long asOfMillis) {
        return of(buyers.size(), buyers.stream().mapToLong(Buyer::lastPurchase).toArray(),
                buyers.stream().mapToInt(Buyer::purchases).toArray(),
                buyers.stream().mapToDouble(Buyer::revenue).toArray(), asOfMillis);
    }

    /**
     * The scales over the first {@code count} buyers of three columns (each buyer's last purchase in epoch
     * milliseconds, purchases and revenue at the same index) as of an instant.
     */
    static RfmScales of(int count, long[] lastPurchases, int[] purchases, double[] revenues, long asOfMillis) {
        long[] sorted = Arrays.copyOf(lastPurchases, count);
        Arrays.sort(sorted);
        return new RfmScales(asOfMillis, sorted,
                RfmScale.of(IntStream.range(0, count).mapToDouble(i -> purchases[i])),
                RfmScale.of(IntStream.range(0, count).mapToDouble(i -> revenues[i])));
    }

    /**
     * The same population's scales as of another instant: what {@link #of} gives for these buyers as of
     * {@code asOfMillis}, without sorting them again (recency is the only dimension that depends on the instant).
     */
    public RfmScales asOf(long asOfMillis) {
        return asOfMillis == asOf ? this : new RfmScales(asOfMillis, lastPurchases, frequency, monetary);
    }

    /**
     * Where each score starts, for scoring outside Java (in a query): a buyer's score on a dimension is 1 + the number
     * of its bounds their value exceeds; none when the population is empty (every buyer scores 1).
     *
     * @param asOf      the instant recency is measured from, epoch milliseconds
     * @param recency   the bounds of the recency value, which is minus the whole days from the last purchase to
     *                  {@code asOf} (integer division of the milliseconds by 86,400,000)
     * @param frequency the bounds of the purchases
     * @param monetary  the bounds of the revenue
     */
    public record Bounds(long asOf, double[] recency, double[] frequency, double[] monetary) {
    }

    /** Where each score of these scales starts. */
    public Bounds bounds() {
        return new Bounds(asOf, recency.bounds(), frequency.bounds(), monetary.bounds());
    }

    /** A buyer's scores against these scales. */
    public Scores score(Buyer buyer) {
        return new Scores(recencyScore(buyer.lastPurchase()), frequency.score(buyer.purchases()),
                monetary.score(buyer.revenue()));
    }

    int recencyScore(long lastPurchase) {
        return recency.score(-daysBefore(asOf, lastPurchase));
    }

    private static long daysBefore(long asOf, long instant) {
        return (asOf - instant) / Days.MILLIS;
    }
}
