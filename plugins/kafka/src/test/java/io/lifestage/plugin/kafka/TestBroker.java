package io.lifestage.plugin.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * One real Kafka broker (KRaft, combined broker and controller, in this JVM) shared by every test of the module, and
 * the few things tests do with it: new topics, records produced and consumed by plain clients. The only class that
 * touches Kafka's internal test kit. Started on first use (about two seconds), stopped when the test JVM exits.
 */
public final class TestBroker {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static KafkaClusterTestKit cluster;
    private static Admin admin;

    private TestBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            start();
        }
        return cluster.bootstrapServers();
    }

    private static void start() {
        // Kafka's test kit deletes the broker's directories in shutdown hooks of its own, which the JVM would run
        // alongside the hook below that stops the broker: a broker that finds its log directory gone halts the JVM
        // with status 1, and the test run that had passed fails. Those deletions run after the broker stops instead.
        List<Runnable> deletions = new ArrayList<>();
        Exit.setShutdownHookAdder((name, deletion) -> deletions.add(deletion));
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                    .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    // One broker: internal topics with one replica, or consumer groups and transactions never form.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not start", e);
        } finally {
            Exit.resetShutdownHookAdder();
        }
        admin = cluster.admin();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                admin.close();
                cluster.close();
            } catch (Exception e) {
                // the JVM is going away
            } finally {
                deletions.forEach(Runnable::run);
            }
        }));
    }

    public static Admin admin() {
        bootstrapServers();
        return admin;
    }

    /** A new topic of this many partitions, with a name no other test uses. */
    public static String topic(int partitions) {
        String name = "topic-" + TOPICS.incrementAndGet();
        try {
            admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
        return name;
    }

    /** Writes values to a topic, spread over its partitions by the producer, and waits until all are written. */
    public static void produce(String topic, List<String> values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
            values.forEach(value -> producer.send(new ProducerRecord<>(topic, value)));
            producer.flush();
        }
    }

    /** Writes values to a partition of a topic (any partition when null), in order; a null value is a tombstone. */
    public static void produce(String topic, Integer partition, List<String> values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    static Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return properties;
    }

    /** Every committed record of a topic, from its start to its end now, partition after partition. */
    public static List<ConsumerRecord<String, String>> consume(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " not read to its end " + end + " in 30s");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    /** The offsets a consumer group committed, by partition. */
    static Map<TopicPartition, Long> committed(String group) throws Exception {
        return admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }
}
