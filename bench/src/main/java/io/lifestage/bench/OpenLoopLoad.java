package io.lifestage.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * Sends requests at a fixed rate whatever the server's latency (an open loop), so a slow answer cannot hide the
 * requests that should have been sent meanwhile: each latency is measured from the instant the request was due,
 * not from when it left. Collects latencies and statuses per kind of request.
 */
final class OpenLoopLoad {

    /** One kind of request in the mix: its name, its share, and how to build the n-th one. */
    record Kind(String name, int weight, LongFunction<HttpRequest> request) {
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

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Kind> kinds;
    private final int totalWeight;

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
            sent.get(kind.name()).increment();
            inFlight.incrementAndGet();
            client.sendAsync(kind.request().apply(n), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        long micros = (System.nanoTime() - due) / 1_000;
                        inFlight.decrementAndGet();
                        if (error != null) {
                            Throwable cause = error.getCause() != null ? error.getCause() : error;
                            failures.get(kind.name()).computeIfAbsent(cause.getClass().getSimpleName() + ": "
                                    + cause.getMessage(), k -> new LongAdder()).increment();
                        } else if (response.statusCode() / 100 != 2) {
                            failures.get(kind.name()).computeIfAbsent("HTTP " + response.statusCode()
                                    + " " + excerpt(response.body()), k -> new LongAdder()).increment();
                        } else {
                            latencies.get(kind.name()).add(micros);
                        }
                        answered.countDown();
                    });
        }
        if (!answered.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
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
}
