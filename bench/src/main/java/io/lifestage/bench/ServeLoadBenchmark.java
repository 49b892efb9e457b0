package io.lifestage.bench;

import io.lifestage.server.LifestageServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Load on {@code lifestage serve}: an open-loop client posts one Segment track call per request at a fixed rate for a
 * fixed time to a server in this JVM (H2 file store in a temporary directory, a copy of the default rule pack), and
 * changes the pack half-way so that it reloads under load. Latency is measured from the instant a request was due,
 * not sent, so a stalled server shows in the figures. Prints p50, p99, max, statuses, the evaluator's worst lag and
 * how long the evaluator needed to catch up at the end.
 */
public final class ServeLoadBenchmark {

    private static final String TOKEN = "bench-token-0123456789";
    private static final String[] EVENTS = {"Page Viewed", "Product Viewed", "Product Added", "Order Completed"};

    private ServeLoadBenchmark() {
    }

    /** Arguments: requests per second, seconds, customers, the rule pack directory. */
    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int customers = Integer.parseInt(args[2]);
        Path work = Files.createTempDirectory("lifestage-serve-bench");
        Path pack = copy(Path.of(args[3]), work.resolve("pack"));
        Map<String, String> settings = new HashMap<>();
        settings.put("lifestage.rules.dir", pack.toString());
        settings.put("lifestage.store.url", "jdbc:h2:file:" + work.resolve("store"));
        settings.put("lifestage.server.host", "127.0.0.1");
        settings.put("lifestage.server.port", "0");
        settings.put("lifestage.server.keys", "bench");
        settings.put("lifestage.server.key.bench.token", TOKEN);
        settings.put("lifestage.server.key.bench.scopes", "read,write");
        System.out.printf("%s, %d cores, max heap %d MB, Java %s%n", System.getProperty("os.name"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        long started = System.nanoTime();
        try (LifestageServer server = LifestageServer.start(settings, null)) {
            System.out.printf("server started in %.1f s%n", (System.nanoTime() - started) / 1e9);
            run(server, rate, seconds, customers, pack);
        }
    }

    private static void run(LifestageServer server, int rate, int seconds, int customers, Path pack)
            throws Exception {
        URI events = URI.create("http://127.0.0.1:" + server.port() + "/v1/events");
        java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().executor(threads).build();
        int total = rate * seconds;
        long[] latencies = new long[total];
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(total);
        AtomicLong worstLag = new AtomicLong();
        AtomicInteger reloadAt = new AtomicInteger(-1);
        String before = server.lifestage().rules().version();
        Random random = new Random(42);
        Instant now = Instant.now();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            if (i == total / 2) {
                Path drl = pack.resolve("stages.drl");
                Files.writeString(drl, Files.readString(drl) + "\n// reloaded under load\n");
                reloadAt.set(i);
            }
            if (i % rate == 0) {
                worstLag.accumulateAndGet(server.lifestage().evaluationLag().toMillis(), Math::max);
            }
            String body = "{\"type\":\"track\",\"userId\":\"c" + random.nextInt(customers) + "\",\"event\":\""
                    + EVENTS[random.nextInt(EVENTS.length)] + "\",\"timestamp\":\""
                    + now.minus(Duration.ofMinutes(random.nextInt(525_600))) + "\",\"properties\":{\"total\":"
                    + (10 + random.nextInt(90)) + "}}";
            int index = i;
            client.sendAsync(HttpRequest.newBuilder(events).header("Authorization", "Bearer " + TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        latencies[index] = System.nanoTime() - due;
                        statuses.computeIfAbsent(failure != null ? -1 : response.statusCode(), s -> new LongAdder())
                                .increment();
                        done.countDown();
                    });
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long caughtUp = System.nanoTime();
        server.lifestage().awaitEvaluated(Duration.ofMinutes(10));
        Arrays.sort(latencies);
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, n) -> byStatus.put(status, n.sum()));
        System.out.printf("%,d requests in %.1f s (%.0f req/s offered %d): statuses %s (-1: no answer)%n", total,
                elapsed, total / elapsed, rate, byStatus);
        System.out.printf("latency from due time: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                latencies[total / 2] / 1e6, latencies[(int) (total * 0.99)] / 1e6,
                latencies[(int) (total * 0.999)] / 1e6, latencies[total - 1] / 1e6);
        System.out.printf("rule pack changed at request %,d: version %s -> %s%n", reloadAt.get(), before,
                server.lifestage().rules().version());
        threads.shutdown();
        System.out.printf("evaluator: worst lag seen %,d ms; caught up %.1f s after the last answer; %s%n",
                worstLag.get(), (System.nanoTime() - caughtUp) / 1e9, server.lifestage().stageCounts());
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
        return to;
    }
}
