package io.lifestage.plugin.kafka;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.segment.SegmentCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads Segment calls, one JSON call per record value, from every partition of the configured topics. The position
 * is the offset of the next record in each partition ({@link Offsets}); the source seeks there on start, so a stored
 * position wins over the consumer group's committed offsets, which only place partitions the position does not name.
 * Each pass reads up to the end offsets seen when it began and then returns an empty batch, after which it commits
 * its offsets to the group, for lag monitoring; the poll after an empty batch looks for records produced since.
 * A record that is not a Segment call is rejected with its topic, partition and offset, and reading goes on.
 */
final class KafkaSource implements Source {

    private static final int MAX_RECORD_CHARS = 1_000;
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    /** How long one fetch may wait for records; the whole poll waits at most the {@code timeout} setting. */
    private static final Duration FETCH_WAIT = Duration.ofMillis(200);

    private ConnectorContext context;
    private ClientSettings settings;
    private Consumer<byte[], byte[]> consumer;
    private List<String> topics;
    private String group;
    private int batchSize;
    /** Where this pass ends in each partition; partitions that reached it are paused. */
    private Map<TopicPartition, Long> end = Map.of();
    private final Set<TopicPartition> paused = new HashSet<>();
    private boolean lastPollEmpty;
    private boolean consumed;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.topics = topics(context);
        this.batchSize = context.integerSetting(KafkaConnectorProvider.BATCH_SIZE);
        this.group = context.nonBlankSetting(KafkaConnectorProvider.GROUP_ID)
                .orElse("lifestage-" + context.name());
        Map<String, Object> owned = new LinkedHashMap<>();
        owned.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        owned.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        owned.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        owned.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                context.requiredSetting(KafkaConnectorProvider.START_FROM));
        owned.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(batchSize));
        owned.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        owned.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        owned.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.settings = new ClientSettings(context, owned);
        try {
            consumer = ClientSettings.newClient(() -> new KafkaConsumer<>(settings.properties()));
            Set<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            seekToStart(partitions);
            end = consumer.endOffsets(partitions, settings.timeout());
        } catch (KafkaException e) {
            close();
            throw settings.failure("cannot read topics " + topics + " at " + servers(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static List<String> topics(ConnectorContext context) {
        String value = context.requiredSetting(KafkaConnectorProvider.TOPICS);
        List<String> topics = Arrays.stream(value.split(",")).map(String::trim).filter(t -> !t.isEmpty()).distinct()
                .toList();
        for (String topic : topics) {
            if (!TOPIC.matcher(topic).matches()) {
                throw ClientSettings.invalid(KafkaConnectorProvider.TOPICS, "names '" + topic
                        + "', which is not a topic name (letters, digits, '.', '_' and '-')");
            }
        }
        if (topics.isEmpty()) {
            throw ClientSettings.invalid(KafkaConnectorProvider.TOPICS, "names no topic");
        }
        return topics;
    }

    private String servers() {
        return context.requiredSetting(KafkaConnectorProvider.BOOTSTRAP_SERVERS);
    }

    private Set<TopicPartition> partitions() {
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, settings.timeout());
            if (infos == null || infos.isEmpty()) {
                throw settings.fatal("topic '" + topic + "' of setting '" + KafkaConnectorProvider.TOPICS.name()
                        + "' does not exist at " + servers());
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    /**
     * Seeks each partition to the offset the resume position holds for it; a partition it does not name (a new
     * partition or topic, or the first run) to the group's committed offset, or else where {@code start-from} says.
     */
    private void seekToStart(Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = new HashMap<>(resumeOffsets());
        stored.keySet().retainAll(partitions);
        Set<TopicPartition> others = new HashSet<>(partitions);
        others.removeAll(stored.keySet());
        if (!others.isEmpty()) {
            consumer.committed(others, settings.timeout()).forEach((partition, committed) -> {
                if (committed != null) {
                    consumer.seek(partition, committed.offset());
                }
            });
        }
        if (!stored.isEmpty()) {
            Map<TopicPartition, Long> first = consumer.beginningOffsets(stored.keySet(), settings.timeout());
            Map<TopicPartition, Long> last = consumer.endOffsets(stored.keySet(), settings.timeout());
            stored.forEach((partition, offset) -> consumer.seek(partition, checked(partition, offset,
                    first.get(partition), last.get(partition))));
        }
        // Fix the offsets where start-from applies now, before records produced from here on move the end.
        partitions.forEach(partition -> consumer.position(partition, settings.timeout()));
    }

    private Map<TopicPartition, Long> resumeOffsets() {
        String position = context.resumePosition().orElse("");
        if (position.isEmpty()) {
            return Map.of();
        }
        try {
            return Offsets.parse(position);
        } catch (IllegalArgumentException e) {
            throw settings.fatal("cannot resume from position '" + position + "': " + e.getMessage() + "; expected "
                    + Offsets.FORM);
        }
    }

    private long checked(TopicPartition partition, long offset, long first, long last) {
        if (offset > last) {
            throw settings.fatal("cannot resume " + partition + " at offset " + offset + ": the partition ends at "
                    + last + ", so the topic was deleted and made again; clear the committed position to read it"
                    + " from the start");
        }
        if (offset < first) {
            context.logger().log(System.Logger.Level.WARNING, "connector ''{0}'': records {1} to {2} of {3} were"
                    + " deleted before they were read (retention); reading on from {4}", context.name(), offset,
                    first - 1, partition, first);
            return first;
        }
        return offset;
    }

    @Override
    public List<Fact> poll() {
        Map<TopicPartition, Long> before = positions();
        try {
            if (lastPollEmpty) {
                nextPass();
            }
            List<Fact> batch = read();
            lastPollEmpty = batch.isEmpty();
            if (lastPollEmpty) {
                commitToGroup();
            }
            return batch;
        } catch (KafkaException | ConnectorException e) {
            // Nothing of a failed poll is returned: read it again on the next one.
            before.forEach(consumer::seek);
            consumer.resume(paused);
            paused.clear();
            throw e instanceof ConnectorException c ? c : settings.failure("cannot read topics " + topics + " at "
                    + servers(), (KafkaException) e);
        }
    }

    /** The next pass reads up to the end offsets as they are now. */
    private void nextPass() {
        consumer.resume(paused);
        paused.clear();
        end = consumer.endOffsets(consumer.assignment(), settings.timeout());
    }

    private List<Fact> read() {
        List<Fact> batch = new ArrayList<>();
        Iterator<ConsumerRecord<byte[], byte[]>> fetched = Collections.emptyIterator();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (batch.size() < batchSize) {
            if (!fetched.hasNext()) {
                if (atEnd()) {
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    if (batch.isEmpty()) {
                        throw ConnectorException.retriable("no records arrived from "
                                + servers() + " within " + settings.timeout() + " although topics " + topics
                                + " hold more up to " + Offsets.write(end));
                    }
                    break;
                }
                fetched = consumer.poll(FETCH_WAIT).iterator();
                continue;
            }
            ConsumerRecord<byte[], byte[]> record = fetched.next();
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (paused.contains(partition)) {
                continue;
            }
            if (record.offset() >= end.get(partition)) {
                consumer.seek(partition, record.offset());
                consumer.pause(Set.of(partition));
                paused.add(partition);
                continue;
            }
            consumed = true;
            Fact fact = fact(record);
            if (fact != null) {
                batch.add(fact);
            }
        }
        Set<TopicPartition> rewound = new HashSet<>(paused);
        fetched.forEachRemaining(record -> {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (rewound.add(partition)) {
                consumer.seek(partition, record.offset());
            }
        });
        return batch;
    }

    private boolean atEnd() {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey(), settings.timeout()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Fact fact(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        String reason;
        if (value == null) {
            reason = "no value: a tombstone";
        } else {
            SegmentCall.Parsed parsed = SegmentCall.parse(value, 0, value.length);
            if (parsed.event() != null) {
                return parsed.event();
            }
            reason = parsed.rejection();
        }
        String text = value == null ? "" : new String(value, StandardCharsets.UTF_8);
        context.reject(new Rejection(record.topic(), "partition " + record.partition() + " offset " + record.offset(),
                reason, text.length() > MAX_RECORD_CHARS ? text.substring(0, MAX_RECORD_CHARS) : text));
        return null;
    }

    /** Makes the group's offsets show how far this source read; the stored position does not depend on it. */
    private void commitToGroup() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        positions().forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        try {
            consumer.commitSync(offsets, settings.timeout());
        } catch (KafkaException e) {
            context.logger().log(System.Logger.Level.WARNING, "connector ''{0}'': committing offsets to consumer"
                    + " group ''{1}'' failed, which only affects lag monitoring: {2}", context.name(), group,
                    e.getMessage());
        }
    }

    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            positions.put(partition, consumer.position(partition, settings.timeout()));
        }
        return positions;
    }

    /** The offset of the next record in every partition, {@code events=42,17,96}; empty before any record. */
    @Override
    public String position() {
        return consumed ? Offsets.write(positions()) : "";
    }

    @Override
    public void close() {
        if (consumer != null) {
            try {
                consumer.close(CloseOptions.timeout(settings.timeout()));
            } finally {
                consumer = null;
            }
        }
    }
}
