package io.lifestage.stream;

import io.lifestage.api.ActionFired;
import io.lifestage.api.CustomerStage;
import io.lifestage.api.Decision;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.run.CustomerEvaluator;
import io.lifestage.engine.store.Evaluation;
import io.lifestage.segment.RecordJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The customers of one partition: their facts, their {@link CustomerRecord} and the deadline index, a store keyed by
 * zero-padded next-check instant and customer id, so that a range scan up to now finds exactly who is due. New facts
 * make a customer due at once, and a journey waiting to fire is part of the next check. A wall-clock punctuation
 * evaluates the due customers as of its own instant, forwards their transitions and, when asked, the actions that
 * came due (JSON, keyed by customer id, ids as a one-machine run gives them) and the stage of each whose stage
 * changed, and moves each to their next deadline. Nobody else is read: the cost of a punctuation grows with the
 * customers due, not with all.
 */
final class CustomerStages implements Processor<String, Routed, String, CustomerStages.Output> {

    /**
     * What the processor sends on, keyed by customer id: a transition (JSON) for the output topic, a customer's stage
     * (a {@link CustomerStage} as JSON; null when the customer is gone, merged into another) for the stages topic, or
     * an action (an {@link ActionFired} as JSON) for the actions topic.
     */
    record Output(Kind kind, byte[] json) {
    }

    /** Which topic an {@link Output} goes to. */
    enum Kind {
        TRANSITION, STAGE, ACTION
    }

    /** At most this many customers per punctuation; the others stay due for the next. */
    static final int MOST_DUE = 10_000;

    private final Supplier<RuleBase> rules;
    private final MetricsCalculator metrics;
    private final Duration interval;
    private final Duration scalesRefresh;
    private final boolean publishActions;
    private final Duration actionsMaxAge;
    private final AtomicLong evaluations;
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, List<StreamFact>> facts;
    private KeyValueStore<String, CustomerRecord> customers;
    private KeyValueStore<String, String> deadlines;
    private RfmScales scales;
    private long scalesAt;

    CustomerStages(Supplier<RuleBase> rules, MetricsCalculator metrics, Duration interval, Duration scalesRefresh,
                   boolean publishActions, Duration actionsMaxAge, AtomicLong evaluations) {
        this.rules = rules;
        this.metrics = metrics;
        this.interval = interval;
        this.scalesRefresh = scalesRefresh;
        this.publishActions = publishActions;
        this.actionsMaxAge = actionsMaxAge;
        this.evaluations = evaluations;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        this.facts = context.getStateStore(StageTopology.FACTS);
        this.customers = context.getStateStore(StageTopology.CUSTOMERS);
        this.deadlines = context.getStateStore(StageTopology.DEADLINES);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::evaluateDue);
    }

    @Override
    public void process(Record<String, Routed> record) {
        String customer = record.key();
        CustomerRecord before = customers.get(customer);
        if (record.value() instanceof Routed.Drop) {
            if (before != null) {
                unschedule(customer, before);
                customers.delete(customer);
                if (before.stage() != null) {
                    context.forward(new Record<>(customer, new Output(Kind.STAGE, null), record.timestamp()));
                }
            }
            facts.delete(customer);
            return;
        }
        List<StreamFact> kept = facts.get(customer);
        List<StreamFact> merged = new ArrayList<>(kept == null ? List.of() : kept);
        Set<String> keys = new HashSet<>();
        merged.forEach(fact -> keys.add(fact.key()));
        ((Routed.Facts) record.value()).facts().stream().filter(fact -> keys.add(fact.key())).forEach(merged::add);
        if (kept != null && merged.size() == kept.size()) {
            return;
        }
        merged.sort(StreamFact.TIME_ORDER);
        facts.put(customer, merged);
        CustomerRecord due = (before == null ? CustomerRecord.NEW : before).dueAt(0);
        if (before != null) {
            unschedule(customer, before);
        }
        schedule(customer, due);
        customers.put(customer, due);
    }

    private void evaluateDue(long now) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = deadlines.range(null, deadline(now, ";"))) {
            while (entries.hasNext() && due.size() < MOST_DUE) {
                due.add(entries.next().value);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        try (CustomerEvaluator evaluator = new CustomerEvaluator(rules.get(), metrics, scales(due, now),
                actionsMaxAge)) {
            for (String customer : due) {
                evaluate(evaluator, customer, now);
            }
        }
    }

    private void evaluate(CustomerEvaluator evaluator, String customer, long now) {
        CustomerRecord before = customers.get(customer);
        List<Fact> events = events(customer, fact -> true);
        // A partition moved from a node whose clock ran ahead must not evaluate before the last evaluation.
        long asOf = Math.max(now, before.evaluatedAsOf());
        Evaluation evaluation = evaluator.evaluate(customer, before.state(customer), events, asOf);
        evaluations.incrementAndGet();
        for (Transition transition : evaluation.transitions()) {
            context.forward(new Record<>(customer, new Output(Kind.TRANSITION, RecordJson.write(transition)), asOf));
        }
        if (publishActions) {
            for (ActionFired action : evaluation.delivered()) {
                context.forward(new Record<>(customer, new Output(Kind.ACTION, RecordJson.write(action)), asOf));
            }
        }
        CustomerRecord after = CustomerRecord.of(evaluation);
        Decision decision = evaluation.decision();
        boolean moved = after.stage() != null && decision != null
                && (!after.stage().equals(before.stage()) || after.stageSince() != before.stageSince());
        if (moved) {
            CustomerStage stage = new CustomerStage(customer, after.stage(), evaluation.stageSince(), decision.rule(),
                    decision.reason(), decision.ruleBaseVersion(), evaluation.asOf());
            context.forward(new Record<>(customer, new Output(Kind.STAGE, RecordJson.write(stage)), asOf));
        }
        unschedule(customer, before);
        schedule(customer, after);
        customers.put(customer, after);
    }

    /** A customer's kept facts, those {@code kept} chooses, as events attributed to them, in time order. */
    private List<Fact> events(String customer, Predicate<StreamFact> kept) {
        return facts.get(customer).stream().filter(kept).<Fact>map(fact -> fact.toEvent(customer)).toList();
    }

    /**
     * RFM scales over this partition's buyers, computed again when older than the refresh interval: the population
     * is spread over the nodes, and no node sees it whole. As a one-machine run does, the due customers count as of
     * now, from their facts, and the others as of their last evaluation; so the first punctuation of a partition, when
     * nobody was evaluated yet, scores against all its buyers rather than none.
     */
    private RfmScales scales(List<String> due, long now) {
        if (scales == null || now - scalesAt >= scalesRefresh.toMillis()) {
            Set<String> dueNow = new HashSet<>(due);
            List<RfmScales.Buyer> buyers = new ArrayList<>();
            try (KeyValueIterator<String, CustomerRecord> all = customers.all()) {
                all.forEachRemaining(entry -> {
                    if (entry.value.buyer() != null && !dueNow.contains(entry.key)) {
                        buyers.add(entry.value.buyer());
                    }
                });
            }
            Set<String> purchases = metrics.purchaseEvents();
            for (String customer : due) {
                RfmScales.Buyer buyer = metrics.buyer(events(customer, fact -> purchases.contains(fact.name())), now);
                if (buyer != null) {
                    buyers.add(buyer);
                }
            }
            scales = RfmScales.of(buyers, now);
            scalesAt = now;
        }
        return scales;
    }

    private void schedule(String customer, CustomerRecord record) {
        if (record.nextCheckAt() != null) {
            deadlines.put(deadline(record.nextCheckAt(), ":" + customer), customer);
        }
    }

    private void unschedule(String customer, CustomerRecord record) {
        if (record.nextCheckAt() != null) {
            deadlines.delete(deadline(record.nextCheckAt(), ":" + customer));
        }
    }

    /** A key of the deadline index: the instant zero-padded, so that keys sort as instants, then what follows. */
    private static String deadline(long at, String suffix) {
        return String.format(Locale.ROOT, "%020d", Math.max(0, at)) + suffix;
    }
}
