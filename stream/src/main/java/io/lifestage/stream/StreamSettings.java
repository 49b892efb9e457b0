package io.lifestage.stream;

import io.lifestage.engine.config.ActionSettings;
import io.lifestage.engine.config.ConfiguredDurations;
import io.smallrye.config.SmallRyeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.eclipse.microprofile.config.Config;

/**
 * The settings of a stream node, {@code lifestage.stream.*} (listed in docs/configuration.md); every node of a cluster
 * is given the same. Any {@code lifestage.stream.kafka.NAME} is handed to Kafka Streams and its clients as
 * {@code NAME} (security settings, for example), except the processing guarantee, which stays exactly-once.
 *
 * @param applicationId     the Kafka Streams application id: nodes with the same one share the partitions
 * @param bootstrapServers  the brokers
 * @param inputTopics       topics of Segment calls (JSON)
 * @param outputTopic       where transitions go, keyed by customer id
 * @param stagesTopic       where each customer's stage goes when it changes, keyed by customer id: a compacted topic
 *                          whose latest record per key is the customer's stage now
 * @param actionsTopic      where the actions due (of journeys and transitions) go, keyed by customer id, or null
 *                          when they are not published
 * @param rejectsTopic      where records that are no Segment call go, with where they were and why
 * @param interval          how often each node evaluates its due customers (wall clock)
 * @param rfmRefresh        how often a partition's RFM scales are computed again from its buyers
 * @param actionsMaxAge     how long before an evaluation's instant an action may have come due and still be
 *                          published ({@code lifestage.actions.max-age}); null: however long
 * @param replicationFactor replicas of the internal topics (repartition, changelog); -1 takes the brokers' default
 * @param stateDir          where a node keeps its state stores on disk
 * @param kafka             further Kafka Streams and client properties
 */
record StreamSettings(String applicationId, String bootstrapServers, List<String> inputTopics, String outputTopic,
                      String stagesTopic, String actionsTopic, String rejectsTopic, Duration interval,
                      Duration rfmRefresh, Duration actionsMaxAge, int replicationFactor, String stateDir,
                      Properties kafka) {

    static final String PREFIX = "lifestage.stream.";
    static final String KAFKA = PREFIX + "kafka.";

    /** Reads the settings; a duration that is not one, or not positive, stops the start naming its key. */
    static StreamSettings from(Config config) {
        Properties kafka = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(KAFKA)) {
                kafka.put(name.substring(KAFKA.length()), config.getValue(name, String.class));
            }
        }
        return new StreamSettings(
                config.getOptionalValue(PREFIX + "application-id", String.class).orElse("lifestage"),
                config.getValue(PREFIX + "bootstrap-servers", String.class),
                config.getValues(PREFIX + "input-topics", String.class),
                config.getOptionalValue(PREFIX + "output-topic", String.class).orElse("lifestage-transitions"),
                config.getOptionalValue(PREFIX + "stages-topic", String.class).orElse("lifestage-stages"),
                config.getOptionalValue(PREFIX + "actions-topic", String.class).orElse(null),
                config.getOptionalValue(PREFIX + "rejects-topic", String.class).orElse("lifestage-rejects"),
                ConfiguredDurations.positive(config, PREFIX + "interval", "5s"),
                ConfiguredDurations.positive(config, PREFIX + "rfm-refresh", "1h"),
                config.unwrap(SmallRyeConfig.class).getConfigMapping(ActionSettings.class).maxAgeDuration(),
                config.getOptionalValue(PREFIX + "replication-factor", Integer.class).orElse(-1),
                config.getOptionalValue(PREFIX + "state-dir", String.class).orElse("lifestage-data/streams"),
                kafka);
    }

    /** The properties of a Kafka Streams instance of this node. */
    Properties streamsProperties() {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        return properties;
    }
}
