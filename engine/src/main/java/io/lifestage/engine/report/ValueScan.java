package io.lifestage.engine.report;

import io.lifestage.api.Fact;
import io.lifestage.api.rules.ValueTier;
import io.lifestage.engine.metrics.BuyerColumns;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.metrics.TierPolicy;
import io.lifestage.engine.metrics.ValueHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RFM scores and value tiers of every customer as of each of several instants, per their stage then: the value
 * views of a report, as of each period's end. Each customer's stage at each instant comes from the report's read of
 * the applied transitions ({@link #move}), their purchases up to each instant from its one streaming read of the
 * facts ({@link #add}); the RFM scales of each instant are those of every buyer by then, so a churned customer's
 * recency keeps growing and the figures do not depend on when runs happened.
 *
 * <p>Memory: each customer's stage at each instant (a short per instant), and per instant the three RFM values and the
 * stage of each buyer (about 17 bytes); time grows with the transitions, facts and customers × instants read.
 */
final class ValueScan {

    private static final int NONE = -1;
    private static final List<String> TIERS = StageProfile.TIERS;
    private static final int NO_TIER = TIERS.indexOf(ValueTier.NONE.label());

    private final List<String> order;
    private final TierPolicy tiers;
    private final ValueHistory values;
    private final long[] instants;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, short[]> stagesAt = new HashMap<>();
    private final Buyers[] buyers;
    private final Tally[][] tallies;

    private ValueScan(ReportStages stages, TierPolicy tiers, long[] instants) {
        this.order = stages.order();
        this.tiers = tiers;
        this.values = new ValueHistory(tiers);
        this.instants = instants;
        this.buyers = new Buyers[instants.length];
        this.tallies = new Tally[instants.length][order.size()];
        for (int k = 0; k < instants.length; k++) {
            buyers[k] = new Buyers();
            for (int s = 0; s < order.size(); s++) {
                tallies[k][s] = new Tally();
            }
        }
        for (int s = 0; s < order.size(); s++) {
            index.put(order.get(s), s);
        }
    }

    /**
     * A scan of the values as of each of {@code instants}: the applied transitions are to be given to {@link #move},
     * in customer and time order as {@code StageStore.appliedMoves} reads them, and then the facts to {@link #add}.
     */
    static ValueScan of(ReportStages stages, TierPolicy tiers, List<Instant> instants) {
        return new ValueScan(stages, tiers, instants.stream().mapToLong(Instant::toEpochMilli).sorted().distinct()
                .toArray());
    }

    /** A move is the customer's stage at every instant from its own on, until their next move. */
    void move(String customer, String fromStage, String toStage, Instant instant) {
        int first = Arrays.binarySearch(instants, instant.toEpochMilli());
        first = first >= 0 ? first : -first - 1;
        if (first == instants.length) {
            return;
        }
        short[] stages = stagesAt.computeIfAbsent(customer, c -> {
            short[] none = new short[instants.length];
            Arrays.fill(none, (short) NONE);
            return none;
        });
        Arrays.fill(stages, first, instants.length, index.get(toStage).shortValue());
    }

    /** The events whose properties {@link #add} reads. */
    Set<String> events() {
        return values.events();
    }

    /** Adds one customer's facts, in time order. */
    void add(String customer, List<Fact> facts) {
        short[] stages = stagesAt.get(customer);
        ValueHistory.Snapshot[] snapshots = values.at(facts, instants);
        for (int k = 0; k < instants.length; k++) {
            int stage = stages == null ? NONE : stages[k];
            ValueHistory.Snapshot value = snapshots[k];
            if (value.buyer() != null) {
                buyers[k].add(value.buyer(), stage);
            }
            if (stage != NONE) {
                int tier = value.buyer() == null ? NO_TIER : TIERS.indexOf(tiers.tier(value.buyer().revenue()));
                tallies[k][stage].add(tier, value.orders().revenue(),
                        value.orders().lifetimeValue(tiers, instants[k]));
            }
        }
    }

    /**
     * The value views as of the instant {@code at} (one of those read), stage by stage in the report's order: each
     * buyer scored against the scales of every buyer by then.
     */
    List<StageProfile> profiles(Instant at) {
        int k = Arrays.binarySearch(instants, at.toEpochMilli());
        Buyers population = buyers[k];
        Tally[] byStage = tallies[k];
        if (!population.scored) {
            RfmScales scales = population.columns.scales(instants[k]);
            for (int i = 0; i < population.columns.size(); i++) {
                if (population.stage[i] != NONE) {
                    RfmScales.Buyer buyer = population.columns.get(i);
                    byStage[population.stage[i]].score(scales.score(buyer),
                            TIERS.indexOf(tiers.tier(buyer.revenue())));
                }
            }
            population.scored = true;
        }
        List<StageProfile> profiles = new ArrayList<>();
        for (int s = 0; s < order.size(); s++) {
            profiles.add(byStage[s].profile(order.get(s)));
        }
        return profiles;
    }

    /** The buyers as of one instant, and the stage of each then (or none). */
    private static final class Buyers {
        final BuyerColumns columns = new BuyerColumns();
        short[] stage = new short[1024];
        boolean scored;

        void add(RfmScales.Buyer buyer, int stageIndex) {
            if (columns.size() == stage.length) {
                stage = Arrays.copyOf(stage, stage.length * 2);
            }
            stage[columns.size()] = (short) stageIndex;
            columns.add(buyer.lastPurchase(), buyer.purchases(), buyer.revenue());
        }
    }

    /** The value views of one stage at one instant. */
    private static final class Tally {
        final long[] recency = new long[6];
        final long[] frequency = new long[6];
        final long[] monetary = new long[6];
        final long[][] segments = new long[6][TIERS.size()];
        final long[] customers = new long[TIERS.size()];
        final double[] revenue = new double[TIERS.size()];
        final double[] lifetimeValue = new double[TIERS.size()];

        /** A customer in the stage: their tier, revenue and lifetime value; a non-buyer scores 0 in segment 0. */
        void add(int tier, double orderRevenue, double value) {
            customers[tier]++;
            revenue[tier] += orderRevenue;
            lifetimeValue[tier] += value;
            if (tier == NO_TIER) {
                score(new RfmScales.Scores(0, 0, 0), tier);
            }
        }

        void score(RfmScales.Scores scores, int tier) {
            recency[scores.recency()]++;
            frequency[scores.frequency()]++;
            monetary[scores.monetary()]++;
            segments[(int) Math.round((scores.recency() + scores.frequency() + scores.monetary()) / 3.0)][tier]++;
        }

        StageProfile profile(String stage) {
            Map<String, Long> byTier = new LinkedHashMap<>();
            Map<String, Double> tierRevenue = new LinkedHashMap<>();
            Map<String, Double> tierValue = new LinkedHashMap<>();
            List<Map<String, Long>> bySegment = new ArrayList<>();
            for (long[] segment : segments) {
                Map<String, Long> row = new LinkedHashMap<>();
                for (int t = 0; t < TIERS.size(); t++) {
                    row.put(TIERS.get(t), segment[t]);
                }
                bySegment.add(row);
            }
            for (int t = 0; t < TIERS.size(); t++) {
                byTier.put(TIERS.get(t), customers[t]);
                tierRevenue.put(TIERS.get(t), Reports.cents(revenue[t]));
                tierValue.put(TIERS.get(t), Reports.cents(lifetimeValue[t]));
            }
            return new StageProfile(stage, Arrays.stream(customers).sum(), list(recency), list(frequency),
                    list(monetary), byTier, bySegment, tierRevenue, tierValue);
        }

        private static List<Long> list(long[] counts) {
            return Arrays.stream(counts).boxed().toList();
        }
    }
}
