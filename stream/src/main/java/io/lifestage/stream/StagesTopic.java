package io.lifestage.stream;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages topic is compacted, so that it keeps each customer's latest stage rather than every change: a node
 * creates it so when it does not exist (Kafka Streams would leave it to the broker's defaults, which delete by age),
 * and warns when it exists and does not compact.
 */
final class StagesTopic {

    private static final Logger log = LoggerFactory.getLogger(StagesTopic.class);

    private StagesTopic() {
    }

    /**
     * Creates the topic, compacted, with the broker's default partition count, unless it exists.
     *
     * @throws IllegalStateException naming the topic when the brokers refuse to create or describe it
     */
    static void ensureCompacted(StreamSettings settings) throws InterruptedException {
        Properties properties = new Properties();
        properties.putAll(settings.kafka());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        Optional<Short> replicas = settings.replicationFactor() < 0 ? Optional.empty()
                : Optional.of((short) settings.replicationFactor());
        NewTopic compacted = new NewTopic(settings.stagesTopic(), Optional.empty(), replicas)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try (Admin admin = Admin.create(properties)) {
            try {
                admin.createTopics(List.of(compacted)).all().get();
                log.info("Created the stages topic '{}', compacted", settings.stagesTopic());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create the stages topic '" + settings.stagesTopic()
                            + "' (lifestage.stream.stages-topic): " + e.getCause().getMessage(), e.getCause());
                }
                warnUnlessCompacted(admin, settings.stagesTopic());
            }
        }
    }

    private static void warnUnlessCompacted(Admin admin, String topic) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                log.warn("The stages topic '{}' has cleanup.policy={}: it keeps every stage change until they expire,"
                        + " not each customer's latest; set cleanup.policy=compact on it", topic, policy);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe the stages topic '" + topic
                    + "' (lifestage.stream.stages-topic): " + e.getCause().getMessage(), e.getCause());
        }
    }
}
