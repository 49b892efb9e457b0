package io.lifestage.engine.report;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.rules.ValueTier;
import io.lifestage.engine.config.ReportSettings;
import io.lifestage.engine.internal.Days;
import io.lifestage.engine.metrics.TierPolicy;
import io.lifestage.engine.store.StageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scorecard's measures that come from events, for several periods at once, gathered in one streaming read of the
 * stored facts (one customer's in memory at a time). An event is in a period when it happened after its start, up to
 * and including its end, as a move is. Each customer's facts are read whole, so what happened before a period
 * (an earlier purchase, the visit a session continues) counts as it should.
 */
final class FactScan {


    private final ReportSettings events;
    private final TierPolicy tiers;
    private final long sessionGap;
    private final Set<String> visitEvents;
    private final Set<String> leadEvents;
    private final Set<String> referralEvents;
    private final Tally[] periods;

    private FactScan(ReportSettings events, TierPolicy tiers, List<Instant[]> periods) {
        this.events = events;
        this.tiers = tiers;
        this.sessionGap = events.sessionTimeoutMinutes() * 60_000L;
        this.visitEvents = Set.copyOf(events.visitEvents());
        this.leadEvents = Set.copyOf(events.leadEvents());
        this.referralEvents = Set.copyOf(events.referralEvents());
        this.periods = periods.stream().map(p -> new Tally(p[0].toEpochMilli(), p[1].toEpochMilli()))
                .toArray(Tally[]::new);
    }

    /**
     * Reads the facts once for every period, each given as its start and end, and hands each customer's to
     * {@code values} in the same read.
     */
    static FactScan read(StageStore store, ReportSettings events, TierPolicy tiers, List<Instant[]> periods,
                         ValueScan values) {
        FactScan scan = new FactScan(events, tiers, periods);
        Set<String> withProperties = new HashSet<>(values.events());
        withProperties.addAll(List.of(events.orderEvent(), events.refundEvent(), events.surveyEvent()));
        store.allFacts(withProperties, (customer, facts) -> {
            scan.add(facts);
            values.add(customer, facts);
        });
        return scan;
    }

    /** A scan of one period, whose customers are given one at a time to {@link #add}. */
    static FactScan of(ReportSettings events, TierPolicy tiers, Instant from, Instant to) {
        return new FactScan(events, tiers, List.<Instant[]>of(new Instant[] {from, to}));
    }

    /**
     * Adds one customer's facts, in time order, to every period: to the first (the whole report) in one pass, and to
     * the others, which follow one another, in one more.
     */
    void add(List<Fact> facts) {
        count(facts, 0, 0);
        if (periods.length > 1) {
            count(facts, 1, periods.length - 1);
        }
    }

    /** Adds the tallies of another scan of the same periods to this one's. */
    void addAll(FactScan other) {
        for (int i = 0; i < periods.length; i++) {
            periods[i].addAll(other.periods[i]);
        }
    }

    /**
     * The scorecard of the {@code i}th period, each measure under the stage of its role: these events' measures with
     * the lead conversion, retention and churn the transitions gave for the same period.
     */
    List<Kpi> scorecard(int i, Roles roles, StageRates moves) {
        Tally t = periods[i];
        StageRates.LeadConversion cohort = moves.leadConversion();
        List<Kpi> kpis = new ArrayList<>(List.of(
                count(roles.reach(), "visits", t.visits),
                count(roles.reach(), "unique_visitors", t.visitors),
                count(roles.reach(), "sessions", t.sessions),
                count(roles.lead(), "leads", t.leads)));
        if (cohort != null) {
            kpis.add(count(roles.lead(), "lead_cohort", cohort.leads()));
            kpis.add(rate(roles.lead(), "lead_conversion_rate", cohort.converted(), cohort.leads()));
            kpis.add(new Kpi(roles.lead(), "median_days_to_convert", Kpi.Kind.DAYS, cohort.medianDays(), null));
        }
        kpis.addAll(List.of(
                count(roles.conversion(), "buyers", t.buyers),
                rate(roles.conversion(), "first_purchase_rate", t.firstBuyers, t.prospects),
                rate(roles.conversion(), "repeat_purchase_rate", t.repeatBuyers, t.buyers),
                amount(roles.conversion(), "average_order_value", t.orders == 0 ? null : t.orderAmount / t.orders),
                new Kpi(roles.conversion(), "purchase_frequency", Kpi.Kind.COUNT,
                        t.buyers == 0 ? null : (double) t.purchases / t.buyers, null),
                rate(roles.retention(), "renewal_rate", t.renewals, t.renewals + t.cancellations),
                count(roles.retention(), "customers_at_start", moves.customersAtStart()),
                rate(roles.retention(), "retention_rate", moves.retained(), moves.customersAtStart()),
                rate(roles.retention(), "churn_rate", moves.churned(), moves.customersAtStart()),
                new Kpi(roles.loyalty(), "nps", Kpi.Kind.SCORE,
                        t.npsAnswers == 0 ? null : (t.promoters - t.detractors) * 100.0 / t.npsAnswers, null),
                rate(roles.loyalty(), "csat", t.satisfied, t.csatAnswers),
                rate(roles.loyalty(), "recommendation_rate", t.referrers, t.active),
                amount(null, "revenue", t.revenue),
                amount(null, "lifetime_value", t.valuedCustomers == 0 ? null : t.lifetimeValue / t.valuedCustomers),
                amount(null, "profit_per_customer", t.profitCustomers == 0 ? null : t.profit / t.profitCustomers)));
        for (ValueTier tier : List.of(ValueTier.SMALL, ValueTier.MEDIUM, ValueTier.LARGE)) {
            kpis.add(count(null, "tier_" + tier.label(), t.tierCustomers.getOrDefault(tier.label(), 0L)));
        }
        return kpis;
    }

    /** A measure of money, to the cent. */
    private static Kpi amount(String stage, String name, Double amount) {
        return new Kpi(stage, name, Kpi.Kind.AMOUNT, amount == null ? null : Reports.cents(amount), null);
    }

    private static Kpi count(String stage, String name, long count) {
        return new Kpi(stage, name, Kpi.Kind.COUNT, (double) count, null);
    }

    private static Kpi rate(String stage, String name, long part, long whole) {
        return new Kpi(stage, name, Kpi.Kind.RATE, whole == 0 ? null : Reports.ratio(part, whole), null);
    }

    /**
     * Adds one customer's facts, in time order, to the tallies of periods {@code first} to {@code last}, each of which
     * starts no earlier than the one before ends, in one pass: an event counts in the period it falls in, and as
     * history (an earlier purchase, the visit a session continues) in every later one.
     */
    private void count(List<Fact> facts, int first, int last) {
        int k = first;
        Customer c = new Customer();
        for (Fact fact : facts) {
            if (!(fact instanceof Event event)) {
                continue;
            }
            long at = event.timestamp().toEpochMilli();
            while (at > periods[k].to) {
                periods[k].add(c, tiers);
                if (++k > last) {
                    return;
                }
                c = c.next();
            }
            Tally period = periods[k];
            boolean in = at > period.from;
            c.active |= in;
            String name = event.name();
            if (visitEvents.contains(name)) {
                if (in) {
                    c.visits++;
                    c.sessions += c.lastVisit == Long.MIN_VALUE || at - c.lastVisit > sessionGap ? 1 : 0;
                }
                c.lastVisit = at;
            }
            c.lead |= in && leadEvents.contains(name);
            c.referred |= in && referralEvents.contains(name);
            if (name.equals(events.orderEvent())) {
                order(c, event, at, in);
            } else if (name.equals(events.subscriptionEvent())) {
                purchase(c, at, in);
            } else if (name.equals(events.refundEvent())) {
                double amount = amount(event);
                c.revenueToDate -= amount;
                c.refunds += in ? amount : 0;
            } else if (in && name.equals(events.renewalEvent())) {
                period.renewals++;
            } else if (in && name.equals(events.cancellationEvent())) {
                period.cancellations++;
            } else if (in && name.equals(events.surveyEvent())) {
                survey(period, event);
            }
        }
        periods[k].add(c, tiers);
        while (++k <= last) {
            c = c.next();
            periods[k].add(c, tiers);
        }
    }

    private void order(Customer c, Event event, long at, boolean in) {
        double amount = amount(event);
        purchase(c, at, in);
        c.ordersToDate++;
        c.revenueToDate += amount;
        if (in) {
            c.orders++;
            c.orderAmount += amount;
            Double margin = event.number(events.marginProperty());
            Double cost = event.number(events.costProperty());
            if (margin != null || cost != null) {
                c.profit += margin != null ? margin : amount - cost;
                c.profitable = true;
            }
        }
    }

    private static void purchase(Customer c, long at, boolean in) {
        c.firstPurchase = Math.min(c.firstPurchase, at);
        if (in) {
            c.purchases++;
        } else {
            c.purchasesBefore++;
        }
    }

    private void survey(Tally period, Event event) {
        Object survey = event.properties().get(events.surveyProperty());
        String name = survey == null ? events.npsSurvey() : survey.toString();
        Double score = event.number(events.scoreProperty());
        if (score == null) {
            return;
        }
        if (name.equals(events.npsSurvey()) && score >= 0 && score <= 10) {
            period.npsAnswers++;
            period.promoters += score >= 9 ? 1 : 0;
            period.detractors += score <= 6 ? 1 : 0;
        } else if (name.equals(events.csatSurvey()) && score >= 1 && score <= 5) {
            period.csatAnswers++;
            period.satisfied += score >= 4 ? 1 : 0;
        }
    }

    private double amount(Event event) {
        Double amount = event.number(events.amountProperty());
        return amount == null ? 0 : amount;
    }

    /** Which stage each group of measures belongs to; null when the stages have no such role. */
    record Roles(String reach, String lead, String conversion, String retention, String loyalty) {

        /** Reach is the first funnel stage, then the lead stage, the first customer stage and the two after it. */
        static Roles of(ReportStages stages) {
            List<String> funnel = stages.funnel();
            int customer = funnel.indexOf(stages.firstCustomerStage());
            return new Roles(funnel.isEmpty() ? null : funnel.get(0), stages.leadStage(), stages.firstCustomerStage(),
                    customer >= 0 && customer + 1 < funnel.size() ? funnel.get(customer + 1) : null,
                    customer >= 0 && customer + 2 < funnel.size() ? funnel.get(customer + 2) : null);
        }
    }

    /** One customer's events as one period sees them: those in it, and what the events before it add up to. */
    private static final class Customer {
        boolean active;
        boolean lead;
        boolean referred;
        long visits;
        long sessions;
        long lastVisit = Long.MIN_VALUE;
        int purchases;
        int purchasesBefore;
        int orders;
        double orderAmount;
        double refunds;
        boolean profitable;
        double profit;
        int ordersToDate;
        double revenueToDate;
        long firstPurchase = Long.MAX_VALUE;

        /** The same customer as the next period sees them: this period's events are history there. */
        Customer next() {
            Customer next = new Customer();
            next.lastVisit = lastVisit;
            next.purchasesBefore = purchasesBefore + purchases;
            next.ordersToDate = ordersToDate;
            next.revenueToDate = revenueToDate;
            next.firstPurchase = firstPurchase;
            return next;
        }
    }

    /** The sums of one period over the customers read so far. */
    private static final class Tally {
        final long from;
        final long to;
        long visits;
        long visitors;
        long sessions;
        long leads;
        long active;
        long prospects;
        long firstBuyers;
        long buyers;
        long repeatBuyers;
        long purchases;
        long orders;
        double orderAmount;
        double revenue;
        long renewals;
        long cancellations;
        long npsAnswers;
        long promoters;
        long detractors;
        long csatAnswers;
        long satisfied;
        long referrers;
        long valuedCustomers;
        double lifetimeValue;
        long profitCustomers;
        double profit;
        final Map<String, Long> tierCustomers = new HashMap<>();

        Tally(long from, long to) {
            this.from = from;
            this.to = to;
        }

        /** Adds another tally of the same period: every sum is over customers, so tallies of customers add up. */
        void addAll(Tally other) {
            visits += other.visits;
            visitors += other.visitors;
            sessions += other.sessions;
            leads += other.leads;
            active += other.active;
            prospects += other.prospects;
            firstBuyers += other.firstBuyers;
            buyers += other.buyers;
            repeatBuyers += other.repeatBuyers;
            purchases += other.purchases;
            orders += other.orders;
            orderAmount += other.orderAmount;
            revenue += other.revenue;
            renewals += other.renewals;
            cancellations += other.cancellations;
            npsAnswers += other.npsAnswers;
            promoters += other.promoters;
            detractors += other.detractors;
            csatAnswers += other.csatAnswers;
            satisfied += other.satisfied;
            referrers += other.referrers;
            valuedCustomers += other.valuedCustomers;
            lifetimeValue += other.lifetimeValue;
            profitCustomers += other.profitCustomers;
            profit += other.profit;
            other.tierCustomers.forEach((tier, count) -> tierCustomers.merge(tier, count, Long::sum));
        }

        void add(Customer c, TierPolicy tiers) {
            visits += c.visits;
            visitors += c.visits > 0 ? 1 : 0;
            sessions += c.sessions;
            leads += c.lead ? 1 : 0;
            active += c.active ? 1 : 0;
            referrers += c.referred ? 1 : 0;
            if (c.active && c.purchasesBefore == 0) {
                prospects++;
                firstBuyers += c.purchases > 0 ? 1 : 0;
            }
            if (c.purchases > 0) {
                buyers++;
                repeatBuyers += c.purchases + c.purchasesBefore >= 2 ? 1 : 0;
                purchases += c.purchases;
            }
            orders += c.orders;
            orderAmount += c.orderAmount;
            revenue += c.orderAmount - c.refunds;
            if (c.profitable) {
                profitCustomers++;
                profit += c.profit;
            }
            if (c.ordersToDate > 0) {
                valuedCustomers++;
                lifetimeValue += tiers.lifetimeValue(c.ordersToDate, c.revenueToDate,
                        (int) ((to - c.firstPurchase) / Days.MILLIS));
            }
            if (c.purchases + c.purchasesBefore > 0) {
                tierCustomers.merge(tiers.tier(c.revenueToDate), 1L, Long::sum);
            }
        }
    }
}
