package io.lifestage.stream;

import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.metrics.MetricsCalculator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Predicate;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The topology of a stream node: Segment calls from the input topics, keyed by identity ({@link SegmentRouting}),
 * through a repartition topic to the identity links ({@link IdentityLinks}), through another keyed by customer to the
 * customers' stages ({@link CustomerStages}), transitions out to the output topic, the actions due to the actions topic
 * when one is set, and each customer's stage, when it changes, to the stages topic (a tombstone for an anonymous
 * customer merged into a user). Every store has a changelog topic, so a partition moved to another node takes its
 * customers with it.
 */
final class StageTopology {

    static final String LINKS = "identity-links";
    static final String ANONYMOUS_FACTS = "anonymous-facts";
    static final String FACTS = "customer-facts";
    static final String CUSTOMERS = "customers";
    static final String DEADLINES = "deadlines";

    private final StreamSettings settings;
    private final Supplier<RuleBase> rules;
    private final MetricsCalculator metrics;
    private final AtomicLong evaluations = new AtomicLong();

    StageTopology(StreamSettings settings, Supplier<RuleBase> rules, MetricsCalculator metrics) {
        this.settings = settings;
        this.rules = rules;
        this.metrics = metrics;
    }

    Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LINKS), Serdes.String(),
                Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ANONYMOUS_FACTS),
                Serdes.String(), Routed.factsSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FACTS), Serdes.String(),
                Routed.factsSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMERS),
                Serdes.String(), CustomerRecord.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINES),
                Serdes.String(), Serdes.String()));
        KStream<String, Object> calls = builder
                .stream(List.copyOf(settings.inputTopics()), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(SegmentRouting::new, Named.as("segment-routing"));
        calls.split(Named.as("calls-"))
                .branch((key, value) -> value instanceof SegmentRouting.Rejected, Branched.withConsumer(rejected ->
                        rejected.mapValues(value -> ((SegmentRouting.Rejected) value).json())
                                .to(settings.rejectsTopic(), Produced.with(Serdes.String(), Serdes.ByteArray())),
                        "rejected"))
                .defaultBranch(Branched.withConsumer(routed -> evaluate(routed.mapValues(value -> (Routed) value)),
                        "routed"));
        return builder.build();
    }

    /**
     * Routed calls through the identity links to the customers' stages, and what those send on to the stages topic,
     * the actions topic (when one is set) and the output topic.
     */
    private void evaluate(KStream<String, Routed> routed) {
        BranchedKStream<String, CustomerStages.Output> out = routed
                .repartition(Repartitioned.with(Serdes.String(), Routed.serde()).withName("identities"))
                .process(IdentityLinks::new, Named.as("identity-links"), LINKS, ANONYMOUS_FACTS)
                .repartition(Repartitioned.with(Serdes.String(), Routed.serde()).withName("by-customer"))
                .process(() -> new CustomerStages(rules, metrics, settings.interval(), settings.rfmRefresh(),
                        settings.actionsTopic() != null, settings.actionsMaxAge(), evaluations),
                        Named.as("customer-stages"), FACTS, CUSTOMERS, DEADLINES)
                .split(Named.as("out-"))
                .branch(kind(CustomerStages.Kind.STAGE), to(settings.stagesTopic(), "stages"));
        if (settings.actionsTopic() != null) {
            out = out.branch(kind(CustomerStages.Kind.ACTION), to(settings.actionsTopic(), "actions"));
        }
        out.defaultBranch(to(settings.outputTopic(), "transitions"));
    }

    private static Predicate<String, CustomerStages.Output> kind(CustomerStages.Kind kind) {
        return (customer, out) -> out.kind() == kind;
    }

    private static Branched<String, CustomerStages.Output> to(String topic, String name) {
        return Branched.withConsumer(records -> records.mapValues(CustomerStages.Output::json)
                .to(topic, Produced.with(Serdes.String(), Serdes.ByteArray())), name);
    }

    /** Customers evaluated by this node's topology since it was built, over all its tasks. */
    long evaluations() {
        return evaluations.get();
    }
}
