package io.lifestage.server;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/**
 * The {@code lifestage.server.*} keys as written; {@link ServerSetup#of} checks them once at start. Every key is in
 * docs/configuration.md. The keys of one API key, {@link #KEY_TOKEN} and {@link #KEY_SCOPES}, have its name in them,
 * so they are read by that name.
 */
@ConfigMapping(prefix = "lifestage.server")
interface ServerSettings {

    /** What every key below starts with. */
    String PREFIX = "lifestage.server.";
    String AUTH = PREFIX + "auth";
    String KEYS = PREFIX + "keys";
    String KEY_TOKEN = PREFIX + "key.<name>.token";
    String KEY_SCOPES = PREFIX + "key.<name>.scopes";
    String HOST = PREFIX + "host";
    String PORT = PREFIX + "port";
    String THREADS = PREFIX + "threads";
    String METRICS = PREFIX + "metrics";
    String MAX_REQUEST_BYTES = PREFIX + "max-request-bytes";
    String MAX_BATCH_SIZE = PREFIX + "max-batch-size";
    String MAX_REQUESTS_PER_CLIENT = PREFIX + "max-requests-per-client";

    /** {@code keys} (every call needs an API key) or {@code none}. */
    @WithDefault("keys")
    String auth();

    /** The names of the API keys. */
    Optional<List<String>> keys();

    /** The interface to listen on. */
    @WithDefault("0.0.0.0")
    String host();

    /** The port; 0 picks a free one. */
    @WithDefault("8080")
    String port();

    /** Request threads: each reads, processes and answers one request at a time. */
    @WithDefault("256")
    String threads();

    /** Who may read /metrics: {@code public}, {@code read} or {@code off}. */
    @WithDefault("read")
    String metrics();

    /** The largest request body accepted, in bytes. */
    @WithName("max-request-bytes")
    @WithDefault("1048576")
    String maxRequestBytes();

    /** The most calls one batch (or classify request) may carry. */
    @WithName("max-batch-size")
    @WithDefault("1000")
    String maxBatchSize();

    /** The most requests one client address may have in progress at once. */
    @WithName("max-requests-per-client")
    @WithDefault("128")
    String maxRequestsPerClient();
}
