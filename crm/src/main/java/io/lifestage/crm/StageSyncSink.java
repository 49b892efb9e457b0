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
import java.util.Optional;
import java.util.function.Function;

/**
 * A sink that keeps one stage per customer in a CRM record: it buffers transitions, keeps each customer's last one,
 * and on {@code flush} hands them to {@link #sync} in batches. A customer's stage is where that transition left
 * them: its {@code to}, or its {@code from} when the move was refused (a refused first move is dropped). Decisions
 * are ignored. Beside the stage, the sink writes the deciding rule, its reason and the instant of the move to the
 * fields the {@code rule-}, {@code reason-} and {@code since-} settings name. Subclasses open the CRM in
 * {@link #open} and write in {@link #sync}.
 */
public abstract class StageSyncSink implements Sink {

    /** What to do with a customer no record has. */
    private static final ConfigKey UNKNOWN_CUSTOMERS = ConfigKey.choice("unknown-customers", "What to do with a"
            + " customer no record has: skip (counted in the log) or reject.", "skip", "reject");

    private final Map<String, Transition> latest = new LinkedHashMap<>();
    private final String noun;
    private ConnectorContext context;
    private StageDetails details;
    private int batchSize;
    private boolean rejectUnknown;

    /** One customer's stage as a CRM should hold it, and the move that put them there. */
    public record CustomerStage(String customerId, String stage, Transition move) {
    }

    /**
     * A sink of a CRM that calls its fields {@code noun}s: {@code property} for HubSpot, {@code field} for
     * Salesforce, which names the detail settings ({@code rule-property}, {@code rule-field}).
     */
    protected StageSyncSink(String noun) {
        this.noun = noun;
    }

    /**
     * A CRM sink's keys: those of the connection, the sink's own, then {@code unknown-customers}, the detail fields of
     * a CRM that calls its fields {@code noun}s, and the {@link Retries#KEYS retry policy}'s.
     */
    public static List<ConfigKey> keys(String noun, List<ConfigKey> connection, List<ConfigKey> own) {
        List<ConfigKey> sink = new ArrayList<>(own);
        sink.add(UNKNOWN_CUSTOMERS);
        return Retries.withRetryKeys(connection, sink, StageDetails.keys(noun));
    }

    @Override
    public final void start(ConnectorContext context) {
        this.details = StageDetails.read(context, noun);
        int size = open(context);
        this.rejectUnknown = context.requiredSetting(UNKNOWN_CUSTOMERS).equals("reject");
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

    /** The detail fields the settings name, to read beside the stage field. */
    protected final List<String> detailFields() {
        return details.fields();
    }

    /**
     * Field name → value that each customer's record should hold: the CRM's value for the stage in the stage field,
     * and the move's rule, reason and instant in the detail fields. A customer whose stage has no value is rejected.
     *
     * @param stageField the field that holds the stage
     * @param values     the CRM's value for a stage; empty when setting {@code stages} maps none
     */
    protected final Map<String, Map<String, String>> wanted(List<CustomerStage> customers, String stageField,
                                                            Function<String, Optional<String>> values) {
        Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
        for (CustomerStage customer : customers) {
            values.apply(customer.stage()).ifPresentOrElse(value -> {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put(stageField, value);
                fields.putAll(details.of(customer.move()));
                wanted.put(customer.customerId(), fields);
            }, () -> reject("customer " + customer.customerId(), "stage '" + customer.stage() + "' has no "
                    + stageField + " value in setting 'stages'"));
        }
        return wanted;
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
