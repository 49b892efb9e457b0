package io.lifestage.plugin.kafka;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code kafka} connector: a source of Segment calls (one JSON call per record value) read from topics, resuming
 * at the per-partition offsets the engine stored, and a sink that writes decisions and transitions as JSON to topics,
 * keyed by customer id, with an idempotent producer. Settings are listed in this module's README.
 */
public final class KafkaConnectorProvider implements ConnectorProvider {

    static final String BOOTSTRAP_SERVERS = "bootstrap-servers";
    static final String CLIENT_ID = "client-id";
    static final String TIMEOUT = "timeout";
    static final String SECURITY_PROTOCOL = "security-protocol";
    static final String SASL_MECHANISM = "sasl-mechanism";
    static final String SASL_JAAS_CONFIG = "sasl-jaas-config";
    static final String SSL_TRUSTSTORE_LOCATION = "ssl-truststore-location";
    static final String SSL_TRUSTSTORE_PASSWORD = "ssl-truststore-password";
    static final String SSL_KEYSTORE_LOCATION = "ssl-keystore-location";
    static final String SSL_KEYSTORE_PASSWORD = "ssl-keystore-password";
    static final String SSL_KEY_PASSWORD = "ssl-key-password";
    static final String CLIENT_PROPERTIES = "client-properties";
    static final String TOPICS = "topics";
    static final String GROUP_ID = "group-id";
    static final String BATCH_SIZE = "batch-size";
    static final String START_FROM = "start-from";
    static final String WRITE = "write";
    static final String DECISIONS_TOPIC = "decisions-topic";
    static final String TRANSITIONS_TOPIC = "transitions-topic";
    static final String ACTIONS_TOPIC = "actions-topic";

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        List<ConfigKey> keys = new ArrayList<>(clientKeys());
        keys.addAll(List.of(
                ConfigKey.required(TOPICS, ConfigKey.Type.STRING,
                        "The topics to read, comma-separated; each record value is one Segment call as JSON."),
                ConfigKey.optional(GROUP_ID, ConfigKey.Type.STRING, null,
                        "The consumer group offsets are committed to; lifestage-<connector name> when not set."),
                ConfigKey.optional(BATCH_SIZE, ConfigKey.Type.INTEGER, "500", "Most facts returned per poll.")
                        .between(1, 100_000),
                ConfigKey.choice(START_FROM, "Where to start in a partition with neither a stored position nor a"
                        + " committed offset: its earliest or its latest record.", "earliest", "latest")));
        return Optional.of(new ConnectorDescriptor<>(keys, KafkaSource::new));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        List<ConfigKey> keys = new ArrayList<>(clientKeys());
        keys.addAll(List.of(
                ConfigKey.choice(WRITE, "What to write: both, decisions or transitions.",
                        "both", "decisions", "transitions"),
                ConfigKey.optional(DECISIONS_TOPIC, ConfigKey.Type.STRING, "lifestage-decisions",
                        "The topic of decisions, keyed by customer id."),
                ConfigKey.optional(TRANSITIONS_TOPIC, ConfigKey.Type.STRING, "lifestage-transitions",
                        "The topic of transitions, keyed by customer id."),
                ConfigKey.optional(ACTIONS_TOPIC, ConfigKey.Type.STRING, null,
                        "The topic of the actions due, with their payloads, keyed by customer id; none by default.")));
        return Optional.of(new ConnectorDescriptor<>(keys, KafkaSink::new));
    }

    /** The keys of the Kafka client that sources and sinks share: where the brokers are and how to log in. */
    private static List<ConfigKey> clientKeys() {
        return List.of(
                ConfigKey.required(BOOTSTRAP_SERVERS, ConfigKey.Type.STRING,
                        "The brokers to connect to first, as host:port, comma-separated."),
                ConfigKey.optional(CLIENT_ID, ConfigKey.Type.STRING, null,
                        "The client id brokers log and quota by; lifestage-<connector name> when not set."),
                ConfigKey.optional(TIMEOUT, ConfigKey.Type.DURATION, "30s",
                        "How long a call to the brokers may take before it fails as retriable."),
                ConfigKey.choice(SECURITY_PROTOCOL, "How to talk to the brokers.",
                        "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
                ConfigKey.optional(SASL_MECHANISM, ConfigKey.Type.STRING, null,
                        "The SASL mechanism, for example PLAIN, SCRAM-SHA-512 or OAUTHBEARER."),
                ConfigKey.optional(SASL_JAAS_CONFIG, ConfigKey.Type.STRING, null,
                        "The JAAS login module line with the credentials.").asSecret(),
                ConfigKey.optional(SSL_TRUSTSTORE_LOCATION, ConfigKey.Type.PATH, null,
                        "The trust store of the brokers' certificate authority."),
                ConfigKey.optional(SSL_TRUSTSTORE_PASSWORD, ConfigKey.Type.STRING, null,
                        "The password of the trust store.").asSecret(),
                ConfigKey.optional(SSL_KEYSTORE_LOCATION, ConfigKey.Type.PATH, null,
                        "The key store of this client's certificate, for mutual TLS."),
                ConfigKey.optional(SSL_KEYSTORE_PASSWORD, ConfigKey.Type.STRING, null,
                        "The password of the key store.").asSecret(),
                ConfigKey.optional(SSL_KEY_PASSWORD, ConfigKey.Type.STRING, null,
                        "The password of the private key in the key store.").asSecret(),
                ConfigKey.optional(CLIENT_PROPERTIES, ConfigKey.Type.PATH, null,
                        "A properties file of further Kafka client settings, for what no key here names."));
    }
}
