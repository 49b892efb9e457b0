package io.lifestage.plugin.kafka;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.util.List;
import java.util.Optional;

/**
 * The {@code kafka} connector: a source of Segment calls (one JSON call per record value) read from topics, resuming
 * at the per-partition offsets the engine stored, and a sink that writes decisions and transitions as JSON to topics,
 * keyed by customer id, with an idempotent producer. Settings are listed in this module's README.
 */
public final class KafkaConnectorProvider implements ConnectorProvider {

    static final ConfigKey BOOTSTRAP_SERVERS = ConfigKey.required("bootstrap-servers", ConfigKey.Type.STRING,
            "The brokers to connect to first, as host:port, comma-separated.");
    static final ConfigKey CLIENT_ID = ConfigKey.optional("client-id", ConfigKey.Type.STRING, null,
            "The client id brokers log and quota by; lifestage-<connector name> when not set.");
    static final ConfigKey TIMEOUT = ConfigKey.optional("timeout", ConfigKey.Type.DURATION, "30s",
            "How long a call to the brokers may take before it fails as retriable.");
    static final ConfigKey SECURITY_PROTOCOL = ConfigKey.choice("security-protocol", "How to talk to the brokers.",
            "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    static final ConfigKey SASL_MECHANISM = ConfigKey.optional("sasl-mechanism", ConfigKey.Type.STRING, null,
            "The SASL mechanism, for example PLAIN, SCRAM-SHA-512 or OAUTHBEARER.");
    static final ConfigKey SASL_JAAS_CONFIG = ConfigKey.optional("sasl-jaas-config", ConfigKey.Type.STRING, null,
            "The JAAS login module line with the credentials.").asSecret();
    static final ConfigKey SSL_TRUSTSTORE_LOCATION = ConfigKey.optional("ssl-truststore-location",
            ConfigKey.Type.PATH, null, "The trust store of the brokers' certificate authority.");
    static final ConfigKey SSL_TRUSTSTORE_PASSWORD = ConfigKey.optional("ssl-truststore-password",
            ConfigKey.Type.STRING, null, "The password of the trust store.").asSecret();
    static final ConfigKey SSL_KEYSTORE_LOCATION = ConfigKey.optional("ssl-keystore-location", ConfigKey.Type.PATH,
            null, "The key store of this client's certificate, for mutual TLS.");
    static final ConfigKey SSL_KEYSTORE_PASSWORD = ConfigKey.optional("ssl-keystore-password", ConfigKey.Type.STRING,
            null, "The password of the key store.").asSecret();
    static final ConfigKey SSL_KEY_PASSWORD = ConfigKey.optional("ssl-key-password", ConfigKey.Type.STRING, null,
            "The password of the private key in the key store.").asSecret();
    static final ConfigKey CLIENT_PROPERTIES = ConfigKey.optional("client-properties", ConfigKey.Type.PATH, null,
            "A properties file of further Kafka client settings, for what no key here names.");

    static final ConfigKey TOPICS = ConfigKey.required("topics", ConfigKey.Type.STRING,
            "The topics to read, comma-separated; each record value is one Segment call as JSON.");
    static final ConfigKey GROUP_ID = ConfigKey.optional("group-id", ConfigKey.Type.STRING, null,
            "The consumer group offsets are committed to; lifestage-<connector name> when not set.");
    static final ConfigKey BATCH_SIZE = ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "500",
            "Most facts returned per poll.").between(1, 100_000);
    static final ConfigKey START_FROM = ConfigKey.choice("start-from", "Where to start in a partition with neither a"
            + " stored position nor a committed offset: its earliest or its latest record.", "earliest", "latest");

    static final ConfigKey WRITE = ConfigKey.choice("write", "What to write: both, decisions or transitions.",
            "both", "decisions", "transitions");
    static final ConfigKey DECISIONS_TOPIC = ConfigKey.optional("decisions-topic", ConfigKey.Type.STRING,
            "lifestage-decisions", "The topic of decisions, keyed by customer id.");
    static final ConfigKey TRANSITIONS_TOPIC = ConfigKey.optional("transitions-topic", ConfigKey.Type.STRING,
            "lifestage-transitions", "The topic of transitions, keyed by customer id.");
    static final ConfigKey ACTIONS_TOPIC = ConfigKey.optional("actions-topic", ConfigKey.Type.STRING, null,
            "The topic of the actions due, with their payloads, keyed by customer id; none by default.");

    /** The keys of the Kafka client that sources and sinks share: where the brokers are and how to log in. */
    static final List<ConfigKey> CLIENT = List.of(BOOTSTRAP_SERVERS, CLIENT_ID, TIMEOUT, SECURITY_PROTOCOL,
            SASL_MECHANISM, SASL_JAAS_CONFIG, SSL_TRUSTSTORE_LOCATION, SSL_TRUSTSTORE_PASSWORD, SSL_KEYSTORE_LOCATION,
            SSL_KEYSTORE_PASSWORD, SSL_KEY_PASSWORD, CLIENT_PROPERTIES);

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<Source>(CLIENT, KafkaSource::new)
                .withKeys(TOPICS, GROUP_ID, BATCH_SIZE, START_FROM));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<Sink>(CLIENT, KafkaSink::new)
                .withKeys(WRITE, DECISIONS_TOPIC, TRANSITIONS_TOPIC, ACTIONS_TOPIC));
    }
}
