package io.lifestage.plugin.http;

import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends requests with the connector's retry policy. Connect errors, timeouts, 408, 429 and 5xx are retried after a
 * {@link Backoff} pause, or after the pause {@code Retry-After} asks for, up to {@code max-attempts} in all; when
 * they run out, a retriable {@link ConnectorException} lets the engine try the whole call again later. Any other
 * answer is returned for the caller to judge. The bearer token goes into each request and nowhere else.
 */
final class RetryingClient {

    private final ConnectorContext context;
    private final HttpClient client;
    private final Duration timeout;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Optional<String> bearerToken;

    RetryingClient(ConnectorContext context) {
        this.context = context;
        this.timeout = context.durationSetting(HttpConnectorProvider.TIMEOUT);
        this.maxAttempts = context.integerSetting(HttpConnectorProvider.MAX_ATTEMPTS);
        this.backoff = new Backoff(context.durationSetting(HttpConnectorProvider.BACKOFF_INITIAL),
                context.durationSetting(HttpConnectorProvider.BACKOFF_MAX), Clock.systemUTC());
        this.bearerToken = context.nonBlankSetting(HttpConnectorProvider.BEARER_TOKEN);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Sends the request, built afresh for every attempt, until an answer is not worth retrying.
     *
     * @param request what to send; called once per attempt, so that time-dependent headers stay fresh
     * @param what    the request in words for messages, without credentials: {@code POST https://host/path}
     * @return the first answer that is a success or a permanent failure
     * @throws ConnectorException retriable, when every attempt failed in a way worth retrying
     */
    HttpResponse<String> send(Supplier<HttpRequest.Builder> request, String what) {
        for (int attempt = 1; ; attempt++) {
            String problem;
            Duration pause;
            try {
                HttpResponse<String> response = client.send(authorized(request.get()),
                        HttpResponse.BodyHandlers.ofString());
                if (!worthRetrying(response.statusCode())) {
                    return response;
                }
                String answer = Settings.excerpt(response.body(), 200);
                problem = "HTTP " + response.statusCode() + (answer.isEmpty() ? "" : " " + answer);
                Optional<Duration> asked = response.headers().firstValue("Retry-After").flatMap(backoff::retryAfter);
                if (asked.isPresent() && asked.get().compareTo(backoff.max()) > 0) {
                    throw ConnectorException.retriable(prefix(what) + "the server asked to retry after "
                            + asked.get().toSeconds() + " s, longer than backoff-max (" + backoff.max().toMillis()
                            + " ms); the engine will try again later");
                }
                pause = asked.isPresent() ? asked.get() : backoff.afterAttempt(attempt);
            } catch (HttpTimeoutException e) {
                problem = "no answer within " + timeout.toMillis() + " ms (setting '"
                        + HttpConnectorProvider.TIMEOUT.name() + "')";
                pause = backoff.afterAttempt(attempt);
            } catch (ConnectException e) {
                problem = "cannot connect (" + describe(e) + ")";
                pause = backoff.afterAttempt(attempt);
            } catch (IOException e) {
                problem = describe(e);
                pause = backoff.afterAttempt(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ConnectorException.fatal(prefix(what) + "interrupted", e);
            }
            if (attempt >= maxAttempts) {
                throw ConnectorException.retriable(prefix(what) + "failed " + attempt + " times (setting '"
                        + HttpConnectorProvider.MAX_ATTEMPTS.name() + "'), last with: " + problem
                        + "; the engine will try again later");
            }
            context.logger().log(System.Logger.Level.WARNING, "connector ''{0}'': {1}: {2}; attempt {3} of {4},"
                    + " next in {5} ms", context.name(), what, problem, String.valueOf(attempt),
                    String.valueOf(maxAttempts), String.valueOf(pause.toMillis()));
            sleep(pause, what);
        }
    }

    private HttpRequest authorized(HttpRequest.Builder request) {
        request.timeout(timeout);
        bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request.build();
    }

    private static boolean worthRetrying(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private void sleep(Duration pause, String what) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.fatal(prefix(what) + "interrupted while waiting to retry", e);
        }
    }

    private String prefix(String what) {
        return what + ": ";
    }

    private static String describe(IOException e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
