package io.lifestage.engine.metrics;

import java.util.Arrays;

/**
 * A population of buyers held as three columns (last purchase, purchases, revenue) rather than as
 * {@link RfmScales.Buyer} records: a quarter of the memory, for scales over millions of buyers.
 */
public final class BuyerColumns {

    private int size;
    private long[] lastPurchases = new long[1024];
    private int[] purchases = new int[1024];
    private double[] revenues = new double[1024];

    /** Adds a buyer: their last purchase in epoch milliseconds, their purchases and their revenue. */
    public void add(long lastPurchase, int count, double revenue) {
        if (size == purchases.length) {
            lastPurchases = Arrays.copyOf(lastPurchases, size * 2);
            purchases = Arrays.copyOf(purchases, size * 2);
            revenues = Arrays.copyOf(revenues, size * 2);
        }
        lastPurchases[size] = lastPurchase;
        purchases[size] = count;
        revenues[size++] = revenue;
    }

    /** How many buyers were added. */
    public int size() {
        return size;
    }

    /** The buyer added {@code i}th, from 0. */
    public RfmScales.Buyer get(int i) {
        return new RfmScales.Buyer(lastPurchases[i], purchases[i], revenues[i]);
    }

    /** The RFM scales over these buyers as of an instant (see {@link RfmScales#of}). */
    public RfmScales scales(long asOfMillis) {
        return RfmScales.of(size, lastPurchases, purchases, revenues, asOfMillis);
    }
}
