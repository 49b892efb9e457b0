package io.lifestage.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * Sends requests at a fixed rate whatever the server's latency (an open loop), so a slow answer cannot hide the
 * requests that should have been sent meanwhile: each latency is measured from the instant the request was due,
 * not from when it left. Collects latencies and statuses per kind of request.
 *
 * <p>Requests go out through the JDK's {@link HttpURLConnection} on a pool of sending threads, over kept-alive
 * connections: on two cores shared with the server it costs a fraction of the CPU the asynchronous
 * {@code java.net.http.HttpClient} takes per request, and the load generator's CPU is the server's loss.
 */
final class OpenLoopLoad implements AutoCloseable {

    /**
     * Threads sending at once, and connections kept alive: a quarter of a second's requests at 1,000 a second, and
     * fewer than the server keeps idle. When all are busy, requests wait their turn, and that wait counts in their
     * latency.
     */
    static final int SENDERS = 256;
    private static final int TIMEOUT_MILLIS = 10_000;

    /** One request: method, URI, headers and body (null for none). */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
    }

    /** One kind of request in the mix: its name, its share, and how to build the n-th one. */
    record Kind(String name, int weight, LongFunction<Request> request) {
    }

    /** What one kind of request got. */
    record Outcome(String kind, long sent, long ok, Map<String, Long> failures, long[] latenciesMicros) {

        long percentile(double p) {
            if (latenciesMicros.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesMicros.length) - 1;
            return latenciesMicros[Math.max(0, Math.min(index, latenciesMicros.length - 1))];
        }

        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A response: its status and body. */
    record Response(int status, String body) {
    }

    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, runnable -> {
        Thread thread = new Thread(runnable, "load-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Kind> kinds;
    private final int totalWeight;

    static {
        // Kept-alive connections per server, read once by the JDK; it keeps 5 by default and would reconnect for
        // most requests.
        System.setProperty("http.maxConnections", String.valueOf(SENDERS));
    }

    OpenLoopLoad(List<Kind> kinds) {
        this.kinds = List.copyOf(kinds);
        this.totalWeight = kinds.stream().mapToInt(Kind::weight).sum();
    }

    /**
     * Sends {@code rate} requests a second for {@code duration}, kinds interleaved by weight, and waits for every
     * answer (at most 30 s after the last was sent). {@code atHalfTime} runs once, halfway, on the sending thread.
     */
    List<Outcome> run(int rate, Duration duration, Runnable atHalfTime) throws InterruptedException {
        long total = rate * duration.toSeconds();
        long intervalNanos = 1_000_000_000L / rate;
        Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
        Map<String, Map<String, LongAdder>> failures = new ConcurrentHashMap<>();
        Map<String, LongAdder> sent = new ConcurrentHashMap<>();
        kinds.forEach(kind -> {
            latencies.put(kind.name(), new ConcurrentLinkedQueue<>());
            failures.put(kind.name(), new ConcurrentHashMap<>());
            sent.put(kind.name(), new LongAdder());
        });
        CountDownLatch answered = new CountDownLatch((int) total);
        AtomicInteger inFlight = new AtomicInteger();
        long start = System.nanoTime();
        boolean halfDone = false;
        for (long n = 0; n < total; n++) {
            long due = start + n * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (!halfDone && n >= total / 2) {
                halfDone = true;
                atHalfTime.run();
            }
            Kind kind = pick(n);
            Request request = kind.request().apply(n);
            sent.get(kind.name()).increment();
            inFlight.incrementAndGet();
            senders.execute(() -> {
                String failure;
                try {
                    Response response = send(request);
                    failure = response.status() / 100 == 2 ? null
                            : "HTTP " + response.status() + " " + excerpt(response.body());
                } catch (IOException | RuntimeException e) {
                    failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                long micros = (System.nanoTime() - due) / 1_000;
                inFlight.decrementAndGet();
                if (failure == null) {
                    latencies.get(kind.name()).add(micros);
                } else {
                    failures.get(kind.name()).computeIfAbsent(failure, k -> new LongAdder()).increment();
                }
                answered.countDown();
            });
        }
        if (!answered.await(30, TimeUnit.SECONDS)) {
            failures.values().iterator().next().computeIfAbsent("no answer within 30 s after the end",
                    k -> new LongAdder()).add(inFlight.get());
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Kind kind : kinds) {
            long[] sorted = latencies.get(kind.name()).stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            Map<String, Long> failed = new TreeMap<>();
            failures.get(kind.name()).forEach((reason, count) -> failed.put(reason, count.sum()));
            outcomes.add(new Outcome(kind.name(), sent.get(kind.name()).sum(), sorted.length, failed, sorted));
        }
        return outcomes;
    }

    /** Sends one request on a kept-alive connection and reads the whole answer, which returns the connection. */
    static Response send(Request request) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection();
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        connection.setRequestMethod(request.method());
        request.headers().forEach(connection::setRequestProperty);
        if (request.body() != null) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(request.body().length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(request.body());
            }
        }
        int status = connection.getResponseCode();
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (stream == null) {
            return new Response(status, "");
        }
        try (InputStream in = stream) {
            return new Response(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The kind of the n-th request: weights spread evenly over every block of {@code totalWeight} requests. */
    private Kind pick(long n) {
        long slot = n % totalWeight;
        for (Kind kind : kinds) {
            if (slot < kind.weight()) {
                return kind;
            }
            slot -= kind.weight();
        }
        throw new IllegalStateException("unreachable: slot " + slot);
    }

    private static String excerpt(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
