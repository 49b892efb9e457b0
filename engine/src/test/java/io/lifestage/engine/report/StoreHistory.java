package io.lifestage.engine.report;

import io.lifestage.api.ActionFired;
import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.engine.metrics.OrderValue;
import io.lifestage.engine.store.Evaluation;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-made history in a real stage store, in days after {@link #DAY0}: moves, refused moves, events, runs, metrics.
 */
final class StoreHistory {

    static final Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");
    /** The default pack's stages with their roles. */
    static final ReportStages DEFAULT_STAGES = new ReportStages(
            List.of("awareness", "consideration", "conversion", "retention", "loyalty", "churn"), "conversion",
            "churn");

    private final StageStore store;
    private final Map<String, List<Transition>> moves = new LinkedHashMap<>();
    private final List<Fact> events = new ArrayList<>();
    private final Map<String, List<ActionFired>> actions = new LinkedHashMap<>();
    private final Set<String> heldOut = new HashSet<>();

    StoreHistory(StageStore store) {
        this.store = store;
    }

    static Instant day(int day) {
        return DAY0.plus(Duration.ofDays(day));
    }

    StoreHistory move(String customer, String from, String to, int day) {
        return add(customer, from, to, day, Transition.Policy.ALLOWED);
    }

    /** A tracked event {@code minute} minutes into a day, with properties as name, value, name, value... */
    StoreHistory event(String customer, String name, int day, int minute, Object... properties) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put((String) properties[i], properties[i + 1]);
        }
        events.add(new Event(Event.Type.TRACK, customer, null, name, day(day).plus(Duration.ofMinutes(minute)),
                values, Map.of()));
        return this;
    }

    /** Any fact, stored as it is. */
    StoreHistory fact(Fact fact) {
        events.add(fact);
        return this;
    }

    /**
     * An action due for a customer at the start of a day, handed out or held out; stored with the customer's moves
     * (a customer with actions needs a move).
     */
    StoreHistory action(String customer, String name, int day, boolean held) {
        String id = customer + "-" + name + "-" + day;
        actions.computeIfAbsent(customer, c -> new ArrayList<>()).add(new ActionFired(id, customer, name,
                "email:" + name, day(day), "journey:" + name, Map.of()));
        if (held) {
            heldOut.add(id);
        }
        return this;
    }

    StoreHistory refused(String customer, String from, String to, int day) {
        return add(customer, from, to, day, Transition.Policy.REFUSED);
    }

    private StoreHistory add(String customer, String from, String to, int day, Transition.Policy policy) {
        List<Transition> customerMoves = moves.computeIfAbsent(customer, c -> new ArrayList<>());
        customerMoves.add(new Transition(customer + "-" + customerMoves.size(), customer, from, to, day(day), "rule",
                "reason", "v1", List.of(), policy));
        return this;
    }

    /** Stores every move as one run as of {@code day}, after a run as of each of {@code earlierRuns}. */
    StoreHistory save(int day, int... earlierRuns) {
        for (int earlier : earlierRuns) {
            record(earlier);
        }
        if (!events.isEmpty()) {
            store.ingest("events", events, "0", Instant.EPOCH);
        }
        List<Evaluation> evaluations = new ArrayList<>();
        for (Map.Entry<String, List<Transition>> customer : moves.entrySet()) {
            store.ingest("test", List.of(new CustomerProfile(customer.getKey(), Map.of(), DAY0)), "0", Instant.EPOCH);
            Transition last = customer.getValue().stream().filter(Transition::applied).reduce((a, b) -> b)
                    .orElseThrow();
            evaluations.add(new Evaluation(customer.getKey(), last.to(), last.at(), null, null, OrderValue.NONE,
                    day(day), null, customer.getValue(), actions.getOrDefault(customer.getKey(), List.of()), heldOut));
        }
        long run = record(day);
        store.save(evaluations, run);
        return this;
    }

    private long record(int day) {
        long run = store.nextRunId();
        store.recordRun(TestStores.run(run, day(day)));
        return run;
    }

    /**
     * Sets what a run would have stored of a customer's orders as of its evaluation: how many, their amount, their
     * revenue less refunds, and the day of the first purchase.
     */
    StoreHistory orders(String customer, int orders, double amount, double revenue, int firstPurchaseDay)
            throws SQLException {
        TestStores.update(TestStores.at(store.url()), "UPDATE ls_customer SET order_count = ?, order_amount = ?,"
                + " order_revenue = ?, first_purchase_at = ? WHERE customer_id = ?", orders, amount, revenue,
                day(firstPurchaseDay).toEpochMilli(), customer);
        return this;
    }

    /**
     * Sets what a run would have stored of a customer's purchases: the day of the last, how many, the revenue (the
     * rules', renewals included) and the tier.
     */
    StoreHistory purchases(String customer, int lastPurchaseDay, int purchases, double revenue, String tier)
            throws SQLException {
        TestStores.update(TestStores.at(store.url()), "UPDATE ls_customer SET last_purchase_at = ?, purchases = ?,"
                + " revenue = ?, value_tier = ? WHERE customer_id = ?", day(lastPurchaseDay).toEpochMilli(),
                purchases, revenue, tier, customer);
        return this;
    }
}
