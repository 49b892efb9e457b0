package io.lifestage.crm;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How a CRM connector sends a request ({@link #send}, with the {@code timeout} setting) and waits out HTTP 429 and
 * 5xx: the pause {@code Retry-After} asks for (in seconds), else 1, 2, 4,
 * 8, 16 s; up to {@code max-attempts} attempts; and a retriable {@link ConnectorException} for the engine when they
 * run out or the server asks for more than {@code max-wait}, which asks the engine for the pause the server wanted.
 */
public final class Retries {

    private static final ConfigKey MAX_ATTEMPTS = ConfigKey.optional("max-attempts", ConfigKey.Type.INTEGER, "5",
            "Attempts per request after HTTP 429 or 5xx, the first included, before the engine retries the whole call.")
            .between(1, 100);
    private static final ConfigKey MAX_WAIT = ConfigKey.optional("max-wait", ConfigKey.Type.DURATION, "60s",
            "Longest pause between attempts, also the longest Retry-After honoured.");
    private static final ConfigKey TIMEOUT = ConfigKey.optional("timeout", ConfigKey.Type.DURATION, "30s",
            "How long to wait for an answer.");

    /** The settings of the policy, declared by both roles of a CRM connector. */
    public static final List<ConfigKey> KEYS = List.of(MAX_ATTEMPTS, MAX_WAIT, TIMEOUT);

    /** A connector role's keys: its own groups of keys, then {@link #KEYS}. */
    @SafeVarargs
    public static List<ConfigKey> withRetryKeys(List<ConfigKey>... groups) {
        return Stream.concat(Stream.of(groups).flatMap(List::stream), KEYS.stream()).toList();
    }

    private final ConnectorContext context;
    private final int maxAttempts;
    private final Duration maxWait;
    private final Duration timeout;
    private final HttpClient client;

    /** The policy the context's {@link #KEYS} settings describe. */
    public Retries(ConnectorContext context) {
        this.context = context;
        this.maxAttempts = context.integerSetting(MAX_ATTEMPTS);
        this.maxWait = context.durationSetting(MAX_WAIT);
        this.timeout = context.durationSetting(TIMEOUT);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /**
     * Sends one attempt of a request and returns the answer, whatever its status.
     *
     * @param what       the request in words, without credentials
     * @param urlSetting the setting that names the server, for the message when it cannot be reached
     * @throws ConnectorException retriable when the server cannot be reached or does not answer in time
     */
    public HttpResponse<String> send(HttpRequest.Builder request, String what, String urlSetting) {
        try {
            return client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ConnectorException.retriable(what + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + " (settings '" + urlSetting + "', '" + TIMEOUT.name() + "')", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.fatal(what + ": interrupted", e);
        }
    }

    /** Whether an answer of this status is worth another attempt: 429 and 5xx. */
    public static boolean worthRetrying(int status) {
        return status == 429 || status >= 500;
    }

    /**
     * After a failed attempt: waits before the next one, logging it, or gives up.
     *
     * @param what       the request in words, without credentials: {@code POST https://host/path}
     * @param attempt    the attempt that failed, from 1
     * @param status     its HTTP status
     * @param retryAfter its {@code Retry-After} header, if any
     * @param problem    the server's error, in words
     * @throws ConnectorException retriable, when the attempts ran out or the server asked for a pause beyond
     *                            {@code max-wait}
     */
    public void waitOrGiveUp(String what, int attempt, int status, Optional<String> retryAfter, String problem) {
        Duration pause = retryAfter.map(Retries::seconds).orElse(Duration.ofSeconds(1L << Math.min(attempt - 1, 4)));
        if (attempt >= maxAttempts || pause.compareTo(maxWait) > 0) {
            throw ConnectorException.retriable(what + ": HTTP " + status + " " + problem + " after " + attempt
                    + " attempt(s) (setting 'max-attempts'), next wait " + pause.toSeconds() + " s (longest: setting"
                    + " 'max-wait'); the engine will try again later").retryAfter(pause);
        }
        context.logger().log(System.Logger.Level.INFO, "{0}: HTTP {1}, attempt {2} of {3}, next in {4} ms", what,
                String.valueOf(status), String.valueOf(attempt), String.valueOf(maxAttempts),
                String.valueOf(pause.toMillis()));
        sleep(pause);
    }

    /** Sleeps; an interrupt, the engine stopping the run, is a fatal failure. */
    public static void sleep(Duration pause) {
        try {
            Thread.sleep(Math.max(1, pause.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.fatal("interrupted while waiting to call the CRM again", e);
        }
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(10);
        }
    }
}
