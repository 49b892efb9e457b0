package io.lifestage.server;

import io.lifestage.engine.config.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code lifestage.server.*} keys, read and checked once at start; every key is in docs/configuration.md.
 *
 * @param host            the interface to listen on
 * @param port            the port; 0 picks a free one
 * @param threads         request threads: each reads, processes and answers one request at a time
 * @param keys            the API keys by name; empty only when authentication is off
 * @param metrics         who may read /metrics
 * @param maxRequestBytes the largest request body accepted
 * @param maxBatchSize    the most calls one batch (or classify request) may carry
 * @param maxRequestsPerClient the most requests one client address may have in progress at once
 */
record ServerSettings(String host, int port, int threads, Map<String, ApiKey> keys, MetricsAccess metrics,
                      int maxRequestBytes, int maxBatchSize, int maxRequestsPerClient) {

    static final String PREFIX = "lifestage.server.";
    static final String AUTH = PREFIX + "auth";
    static final String KEYS = PREFIX + "keys";
    static final String KEY_TOKEN = PREFIX + "key.<name>.token";
    static final String KEY_SCOPES = PREFIX + "key.<name>.scopes";
    static final String HOST = PREFIX + "host";
    static final String PORT = PREFIX + "port";
    static final String THREADS = PREFIX + "threads";
    static final String METRICS = PREFIX + "metrics";
    static final String MAX_REQUEST_BYTES = PREFIX + "max-request-bytes";
    static final String MAX_BATCH_SIZE = PREFIX + "max-batch-size";
    static final String MAX_REQUESTS_PER_CLIENT = PREFIX + "max-requests-per-client";

    /** Who may read /metrics. */
    enum MetricsAccess { PUBLIC, READ, OFF }

    /**
     * One API key.
     *
     * @param name   its name, for logs and metrics (the token itself is never logged)
     * @param token  the secret a client sends
     * @param scopes what it may do
     */
    record ApiKey(String name, String token, Set<Scope> scopes) {

        @Override
        public String toString() {
            return "ApiKey[" + name + ", scopes=" + scopes + "]";
        }
    }

    /** What a key may do: read, or write (ingest and erase). */
    enum Scope { READ, WRITE }

    /**
     * Reads the settings.
     *
     * @throws InvalidConfigurationException naming the key, when a value cannot work or no key is configured while
     *                                       authentication is on
     */
    static ServerSettings from(Config config) {
        String auth = config.getOptionalValue(AUTH, String.class).orElse("keys").trim().toLowerCase(Locale.ROOT);
        if (!auth.equals("keys") && !auth.equals("none")) {
            throw new InvalidConfigurationException("LS-SERVE-0002", AUTH, "must be 'keys' or 'none', got '" + auth
                    + "'");
        }
        Map<String, ApiKey> keys = keys(config);
        if (auth.equals("keys") && keys.isEmpty()) {
            throw new InvalidConfigurationException("LS-SERVE-0001", KEYS, "no API key is configured, so nobody could"
                    + " call the API: set " + KEYS + "=NAME, " + KEY_TOKEN.replace("<name>", "NAME") + "=SECRET and "
                    + KEY_SCOPES.replace("<name>", "NAME") + "=read,write; or set " + AUTH
                    + "=none to serve without authentication");
        }
        if (auth.equals("none")) {
            keys = Map.of();
        }
        return new ServerSettings(
                config.getOptionalValue(HOST, String.class).orElse("0.0.0.0"),
                positive(config, PORT, 8080, true),
                positive(config, THREADS, 256, false),
                keys,
                metricsAccess(config),
                positive(config, MAX_REQUEST_BYTES, 1_048_576, false),
                positive(config, MAX_BATCH_SIZE, 1_000, false),
                positive(config, MAX_REQUESTS_PER_CLIENT, 128, false));
    }

    /** Whether requests need a key. */
    boolean authenticates() {
        return !keys.isEmpty();
    }

    private static Map<String, ApiKey> keys(Config config) {
        List<String> names = config.getOptionalValues(KEYS, String.class).orElse(List.of());
        Map<String, ApiKey> keys = new LinkedHashMap<>();
        for (String name : names) {
            String tokenKey = KEY_TOKEN.replace("<name>", name);
            String token = config.getOptionalValue(tokenKey, String.class).orElseThrow(() ->
                    new InvalidConfigurationException("LS-SERVE-0003", tokenKey, "key '" + name + "' is listed in "
                            + KEYS + " but has no token"));
            if (token.length() < 16) {
                throw new InvalidConfigurationException("LS-SERVE-0003", tokenKey,
                        "must be at least 16 characters long (a random secret)");
            }
            String scopesKey = KEY_SCOPES.replace("<name>", name);
            List<Scope> scopes = new ArrayList<>();
            for (String scope : config.getOptionalValues(scopesKey, String.class).orElse(List.of("read"))) {
                try {
                    scopes.add(Scope.valueOf(scope.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidConfigurationException("LS-SERVE-0004", scopesKey,
                            "'" + scope + "' is not a scope (read, write)");
                }
            }
            if (keys.values().stream().anyMatch(k -> k.token().equals(token))) {
                throw new InvalidConfigurationException("LS-SERVE-0003", tokenKey, "the same token as another key");
            }
            keys.put(name, new ApiKey(name, token, Set.copyOf(scopes)));
        }
        return keys;
    }

    private static MetricsAccess metricsAccess(Config config) {
        String value = config.getOptionalValue(METRICS, String.class).orElse("read");
        try {
            return MetricsAccess.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("LS-SERVE-0002", METRICS,
                    "must be public, read or off, got '" + value + "'");
        }
    }

    private static int positive(Config config, String key, int fallback, boolean zeroAllowed) {
        Optional<String> value = config.getOptionalValue(key, String.class);
        try {
            int number = value.map(v -> Integer.parseInt(v.trim())).orElse(fallback);
            if (number < 0 || number == 0 && !zeroAllowed) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException("LS-SERVE-0002", key,
                    "must be a " + (zeroAllowed ? "non-negative" : "positive") + " whole number, got '"
                            + value.orElse("") + "'");
        }
    }
}
