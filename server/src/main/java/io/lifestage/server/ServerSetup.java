package io.lifestage.server;

import io.lifestage.engine.config.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * What the server runs with: its {@link ServerSettings}, checked once at start.
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
record ServerSetup(String host, int port, int threads, Map<String, ApiKey> keys, MetricsAccess metrics,
                   int maxRequestBytes, int maxBatchSize, int maxRequestsPerClient) {

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
     * Checks {@code settings}; the token and scopes of each key named there are read from {@code config}.
     *
     * @throws InvalidConfigurationException naming the key, when a value cannot work or no key is configured while
     *                                       authentication is on
     */
    static ServerSetup of(ServerSettings settings, Config config) {
        String auth = settings.auth().trim().toLowerCase(Locale.ROOT);
        if (!auth.equals("keys") && !auth.equals("none")) {
            throw new InvalidConfigurationException("LS-SERVE-0002", ServerSettings.AUTH,
                    "must be 'keys' or 'none', got '" + auth + "'");
        }
        Map<String, ApiKey> keys = keys(settings.keys().orElse(List.of()), config);
        if (auth.equals("keys") && keys.isEmpty()) {
            throw new InvalidConfigurationException("LS-SERVE-0001", ServerSettings.KEYS, "no API key is configured,"
                    + " so nobody could call the API: set " + ServerSettings.KEYS + "=NAME, "
                    + ServerSettings.KEY_TOKEN.replace("<name>", "NAME") + "=SECRET and "
                    + ServerSettings.KEY_SCOPES.replace("<name>", "NAME") + "=read,write; or set "
                    + ServerSettings.AUTH + "=none to serve without authentication");
        }
        return new ServerSetup(settings.host(),
                whole(ServerSettings.PORT, settings.port(), true),
                whole(ServerSettings.THREADS, settings.threads(), false),
                auth.equals("none") ? Map.of() : keys,
                metricsAccess(settings.metrics()),
                whole(ServerSettings.MAX_REQUEST_BYTES, settings.maxRequestBytes(), false),
                whole(ServerSettings.MAX_BATCH_SIZE, settings.maxBatchSize(), false),
                whole(ServerSettings.MAX_REQUESTS_PER_CLIENT, settings.maxRequestsPerClient(), false));
    }

    /** Whether requests need a key. */
    boolean authenticates() {
        return !keys.isEmpty();
    }

    private static Map<String, ApiKey> keys(List<String> names, Config config) {
        Map<String, ApiKey> keys = new LinkedHashMap<>();
        for (String name : names) {
            String tokenKey = ServerSettings.KEY_TOKEN.replace("<name>", name);
            String token = config.getOptionalValue(tokenKey, String.class).orElseThrow(() ->
                    new InvalidConfigurationException("LS-SERVE-0003", tokenKey, "key '" + name + "' is listed in "
                            + ServerSettings.KEYS + " but has no token"));
            if (token.length() < 16) {
                throw new InvalidConfigurationException("LS-SERVE-0003", tokenKey,
                        "must be at least 16 characters long (a random secret)");
            }
            Set<Scope> scopes = scopes(ServerSettings.KEY_SCOPES.replace("<name>", name), config);
            if (keys.values().stream().anyMatch(k -> k.token().equals(token))) {
                throw new InvalidConfigurationException("LS-SERVE-0003", tokenKey, "the same token as another key");
            }
            keys.put(name, new ApiKey(name, token, scopes));
        }
        return keys;
    }

    private static Set<Scope> scopes(String scopesKey, Config config) {
        List<Scope> scopes = new ArrayList<>();
        for (String scope : config.getOptionalValues(scopesKey, String.class).orElse(List.of("read"))) {
            try {
                scopes.add(Scope.valueOf(scope.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("LS-SERVE-0004", scopesKey,
                        "'" + scope + "' is not a scope (read, write)");
            }
        }
        return Set.copyOf(scopes);
    }

    private static MetricsAccess metricsAccess(String value) {
        try {
            return MetricsAccess.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("LS-SERVE-0002", ServerSettings.METRICS,
                    "must be public, read or off, got '" + value + "'");
        }
    }

    private static int whole(String key, String value, boolean zeroAllowed) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0 || number == 0 && !zeroAllowed) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException("LS-SERVE-0002", key,
                    "must be a " + (zeroAllowed ? "non-negative" : "positive") + " whole number, got '" + value + "'");
        }
    }
}
