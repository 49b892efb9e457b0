package io.lifestage.plugin.kafka;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.Sink;
import io.lifestage.segment.RecordJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes decisions, transitions and (to {@code actions-topic}, when set) actions as JSON ({@link RecordJson}) to
 * their topics, keyed by customer id so that one customer's records stay in order in one partition. The producer is
 * idempotent and waits for all in-sync replicas, so a broker's retry never writes a record twice; {@link #flush}
 * returns once the brokers acknowledged every record sent, and sends again what they refused. A redelivery by the
 * engine is written again: consumers drop duplicate transitions and actions by their {@code id}, and keep a
 * customer's decision with the latest {@code asOf}.
 */
final class KafkaSink implements Sink {

    private ConnectorContext context;
    private ClientSettings settings;
    private Producer<byte[], byte[]> producer;
    private String decisionsTopic;
    private String transitionsTopic;
    private String actionsTopic;
    /** Records sent since the last successful flush, and what became of them. */
    private final List<Sent> unacknowledged = new ArrayList<>();

    private record Sent(ProducerRecord<byte[], byte[]> record, Future<RecordMetadata> result) {
    }

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        String write = context.requiredSetting(KafkaConnectorProvider.WRITE);
        decisionsTopic = write.equals("transitions") ? null
                : context.requiredSetting(KafkaConnectorProvider.DECISIONS_TOPIC);
        transitionsTopic = write.equals("decisions") ? null
                : context.requiredSetting(KafkaConnectorProvider.TRANSITIONS_TOPIC);
        actionsTopic = context.setting(KafkaConnectorProvider.ACTIONS_TOPIC).orElse(null);
        settings = new ClientSettings(context, Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        Properties properties = settings.properties();
        long timeout = settings.timeout().toMillis();
        // A record is given up after the timeout, each request after half of it, unless the client file says else.
        properties.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout));
        properties.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout / 2));
        properties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout));
        String servers = context.requiredSetting(KafkaConnectorProvider.BOOTSTRAP_SERVERS);
        try {
            producer = ClientSettings.newClient(() -> new KafkaProducer<>(properties));
        } catch (KafkaException e) {
            throw settings.failure("cannot write to " + servers, e);
        }
        findTopic(KafkaConnectorProvider.DECISIONS_TOPIC, decisionsTopic, servers);
        findTopic(KafkaConnectorProvider.TRANSITIONS_TOPIC, transitionsTopic, servers);
        findTopic(KafkaConnectorProvider.ACTIONS_TOPIC, actionsTopic, servers);
    }

    /** Fails {@code start} now, rather than the first flush, when the brokers do not know a topic to write. */
    private void findTopic(ConfigKey key, String topic, String servers) {
        if (topic == null) {
            return;
        }
        try {
            producer.partitionsFor(topic);
        } catch (KafkaException e) {
            close();
            throw settings.failure("cannot find topic '" + topic + "' of setting '" + key.name() + "' at " + servers,
                    e);
        }
    }

    @Override
    public void writeDecisions(List<Decision> decisions) {
        requireStarted();
        if (decisionsTopic != null) {
            decisions.forEach(decision -> send(decisionsTopic, decision.customerId(), RecordJson.write(decision)));
        }
    }

    @Override
    public void writeTransitions(List<Transition> transitions) {
        requireStarted();
        if (transitionsTopic != null) {
            transitions.forEach(move -> send(transitionsTopic, move.customerId(), RecordJson.write(move)));
        }
    }

    @Override
    public void writeActions(List<ActionFired> actions) {
        requireStarted();
        if (actionsTopic != null) {
            actions.forEach(action -> send(actionsTopic, action.customerId(), RecordJson.write(action)));
        }
    }

    private void requireStarted() {
        if (producer == null) {
            throw new IllegalStateException("the kafka sink is not started: call start(context) before writing");
        }
    }

    private void send(String topic, String customerId, byte[] json) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                customerId.getBytes(StandardCharsets.UTF_8), json);
        unacknowledged.add(new Sent(record, sendOrFail(record)));
    }

    private Future<RecordMetadata> sendOrFail(ProducerRecord<byte[], byte[]> record) {
        try {
            return producer.send(record);
        } catch (KafkaException e) {
            throw settings.failure("cannot send to topic " + record.topic(), e);
        }
    }

    /**
     * Waits until the brokers acknowledged every record sent since the last flush. Records they refused are sent
     * again and the flush fails, retriable when Kafka says so; the next flush waits for them.
     */
    @Override
    public void flush() {
        requireStarted();
        try {
            producer.flush();
        } catch (KafkaException e) {
            throw settings.failure("cannot flush", e);
        }
        List<Sent> refused = new ArrayList<>();
        Exception first = null;
        for (Sent sent : unacknowledged) {
            try {
                sent.result().get();
            } catch (ExecutionException e) {
                first = first == null ? (Exception) e.getCause() : first;
                refused.add(sent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw settings.failure("interrupted while waiting for the brokers", e);
            }
        }
        unacknowledged.clear();
        for (Sent sent : refused) {
            unacknowledged.add(new Sent(sent.record(), sendOrFail(sent.record())));
        }
        if (first != null) {
            throw settings.failure(refused.size() + " records were not acknowledged, first to topic "
                    + refused.get(0).record().topic(), first);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            try {
                producer.close(settings.timeout());
            } finally {
                producer = null;
                unacknowledged.clear();
            }
        }
    }
}
