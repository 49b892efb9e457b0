package io.lifestage.crm;

import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Sink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink that keeps one stage per customer in a CRM record: it buffers transitions, keeps each customer's last one,
 * and on {@code flush} hands them to {@link #sync} in batches. A customer's stage is where that transition left
 * them: its {@code to}, or its {@code from} when the move was refused (a refused first move is dropped). Decisions
 * are ignored. Subclasses open the CRM in {@link #open} and write in {@link #sync}.
 */
public abstract class StageSyncSink implements Sink {

    /** What to do with a customer no record has. */
    public static final ConfigKey UNKNOWN_CUSTOMERS = ConfigKey.choice("unknown-customers", "What to do with a"
            + " customer no record has: skip (counted in the log) or reject.", "skip", "reject");

    private final Map<String, Transition> latest = new LinkedHashMap<>();
    private ConnectorContext context;
    private int batchSize;
    private boolean rejectUnknown;

    /** One customer's stage as a CRM should hold it, and the move that put them there. */
    public record CustomerStage(String customerId, String stage, Transition move) {
    }

    @Override
    public final void start(ConnectorContext context) {
        int size = open(context);
        this.rejectUnknown = context.requiredSetting(UNKNOWN_CUSTOMERS.name()).equals("reject");
        this.batchSize = size;
        this.context = context;
    }

    /** Reads the settings and opens the CRM, failing for good if it refuses; returns the customers per batch. */
    protected abstract int open(ConnectorContext context);

    /** Brings the records of one batch of customers to their stages. */
    protected abstract void sync(List<CustomerStage> customers);

    @Override
    public final void writeTransitions(List<Transition> transitions) {
        requireStarted("writeTransitions");
        for (Transition transition : transitions) {
            if (transition.applied() || transition.from() != null) {
                latest.merge(transition.customerId(), transition,
                        (kept, next) -> next.at().isBefore(kept.at()) ? kept : next);
            }
        }
    }

    @Override
    public final void flush() {
        requireStarted("flush");
        List<CustomerStage> all = new ArrayList<>();
        latest.values().forEach(move -> all.add(new CustomerStage(move.customerId(),
                move.applied() ? move.to() : move.from(), move)));
        for (int from = 0; from < all.size(); from += batchSize) {
            sync(all.subList(from, Math.min(all.size(), from + batchSize)));
        }
        latest.clear();
    }

    @Override
    public final void close() {
        latest.clear();
    }

    /** The context given to {@code start}. */
    protected final ConnectorContext context() {
        return context;
    }

    /** Skips the customers no record has, counting them in the log, or rejects each, as configured. */
    protected final void unknown(List<String> customers, String record, String idField) {
        if (rejectUnknown) {
            customers.forEach(customer -> reject("customer " + customer, "no " + record + " has " + idField + " = "
                    + customer));
        } else if (!customers.isEmpty()) {
            context.logger().log(System.Logger.Level.INFO, "{0} customer(s) skipped: no {1} has their {2}",
                    String.valueOf(customers.size()), record, idField);
        }
    }

    /** Hands a customer or record the CRM refused to the dead-letter output. */
    protected final void reject(String position, String reason) {
        context.reject(new Rejection(context.name(), position, reason, ""));
    }

    private void requireStarted(String call) {
        if (context == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ": " + call + "() before start(); the"
                    + " engine calls start first");
        }
    }
}
