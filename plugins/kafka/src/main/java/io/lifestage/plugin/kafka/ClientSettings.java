package io.lifestage.plugin.kafka;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The Kafka client properties of one source or sink, made from its settings: first the {@code client-properties}
 * file, then the keys that name a client property ({@code sasl-jaas-config} is {@code sasl.jaas.config}), then what
 * the connector sets itself, which the file may not change. Also words failures so that they name the connector and
 * never show a secret: the value of a secret key, or of a file property whose name says password, secret or jaas.
 */
final class ClientSettings {

    /** Keys whose value is the client property of the same name with dots for dashes. */
    private static final List<ConfigKey> CLIENT_KEYS = List.of(KafkaConnectorProvider.BOOTSTRAP_SERVERS,
            KafkaConnectorProvider.SECURITY_PROTOCOL, KafkaConnectorProvider.SASL_MECHANISM,
            KafkaConnectorProvider.SASL_JAAS_CONFIG, KafkaConnectorProvider.SSL_TRUSTSTORE_LOCATION,
            KafkaConnectorProvider.SSL_TRUSTSTORE_PASSWORD, KafkaConnectorProvider.SSL_KEYSTORE_LOCATION,
            KafkaConnectorProvider.SSL_KEYSTORE_PASSWORD, KafkaConnectorProvider.SSL_KEY_PASSWORD);
    private static final String HIDDEN = "[hidden]";

    private final ConnectorContext context;
    private final Properties properties = new Properties();
    private final List<String> secrets = new ArrayList<>();
    private final Duration timeout;

    /**
     * Reads the settings; {@code owned} are the client properties the connector sets itself, with their values.
     *
     * @throws ConnectorException naming the key when a setting is unusable
     */
    ClientSettings(ConnectorContext context, Map<String, Object> owned) {
        this.context = context;
        context.setting(KafkaConnectorProvider.CLIENT_PROPERTIES).ifPresent(file -> load(file, owned));
        for (ConfigKey key : CLIENT_KEYS) {
            context.nonBlankSetting(key).ifPresent(value -> properties.put(key.name().replace('-', '.'), value));
        }
        for (ConfigKey key : KafkaConnectorProvider.CLIENT) {
            if (key.secret()) {
                context.nonBlankSetting(key).ifPresent(secrets::add);
            }
        }
        properties.put("client.id", context.nonBlankSetting(KafkaConnectorProvider.CLIENT_ID)
                .orElse("lifestage-" + context.name()));
        timeout = context.durationSetting(KafkaConnectorProvider.TIMEOUT);
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofDays(1)) > 0) {
            throw invalid(KafkaConnectorProvider.TIMEOUT, "must be from 1s to 1d, got " + timeout);
        }
        properties.putAll(owned);
    }

    private void load(String file, Map<String, Object> owned) {
        Properties loaded = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            loaded.load(in);
        } catch (IOException | RuntimeException e) {
            throw fatal("cannot read the file of setting '" + KafkaConnectorProvider.CLIENT_PROPERTIES.name() + "', "
                    + file + ": " + e);
        }
        for (String name : loaded.stringPropertyNames()) {
            if (owned.containsKey(name)) {
                throw fatal("the file of setting '" + KafkaConnectorProvider.CLIENT_PROPERTIES.name() + "', "
                        + file + ", sets '" + name + "', which this connector sets itself to " + owned.get(name)
                        + "; remove it from the file");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("password") || lower.contains("secret") || lower.contains("jaas")) {
                secrets.add(loaded.getProperty(name));
            }
        }
        properties.putAll(loaded);
    }


    /**
     * Makes a Kafka client with this plugin's class loader as the thread's context class loader, through which Kafka
     * loads the classes its settings name (serializers, login modules, metrics reporters; some while its config
     * classes initialise). In the plugins directory the thread's own is the engine's, which has no Kafka; the client's
     * threads, made now, keep this one.
     */
    static <T> T newClient(Supplier<T> constructor) {
        Thread thread = Thread.currentThread();
        ClassLoader engine = thread.getContextClassLoader();
        thread.setContextClassLoader(ClientSettings.class.getClassLoader());
        try {
            return constructor.get();
        } finally {
            thread.setContextClassLoader(engine);
        }
    }

    /** A copy of the client properties, for a consumer or producer. */
    Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    Duration timeout() {
        return timeout;
    }

    /** A final failure of a setting: {@code setting 'batch-size' must be …}. */
    static ConnectorException invalid(ConfigKey key, String problem) {
        return ConnectorException.fatal("setting '" + key.name() + "' " + problem);
    }

    /** A final failure, its message without secrets. */
    ConnectorException fatal(String message) {
        return ConnectorException.fatal(hide(message));
    }

    /**
     * A failure of the client while doing {@code what}, retriable when Kafka says the call may succeed later (a
     * timeout, a broker not available). The cause is kept unless its messages hold a secret.
     */
    ConnectorException failure(String what, Exception e) {
        StringBuilder causes = new StringBuilder();
        boolean retriable = false;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            retriable |= cause instanceof RetriableException;
            if (cause.getMessage() != null && causes.indexOf(cause.getMessage()) < 0) {
                causes.append(": ").append(cause.getMessage());
            }
        }
        String message = what + causes;
        String shown = hide(message);
        Throwable kept = shown.equals(message) ? e : null;
        return retriable ? ConnectorException.retriable(shown, kept) : ConnectorException.fatal(shown, kept);
    }

    private String hide(String message) {
        String shown = message;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                shown = shown.replace(secret, HIDDEN);
            }
        }
        return shown;
    }
}
