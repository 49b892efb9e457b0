package io.lifestage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifestage.testing.TestPack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Load on {@code lifestage serve} over loopback: starts the server in its own JVM on an empty embedded store and a
 * copy of the rule pack, seeds customers, then sends a mix of ingest, classify and read requests at a fixed rate
 * for a while, changes a rule file halfway (the server reloads the pack live), and prints per request kind the
 * requests sent, the failures with their reasons, and the latency percentiles.
 *
 * <p>Arguments: rate (requests/s), seconds, distribution directory (with {@code classes/} and {@code lib/}), rule
 * pack directory, and optionally the mix as weights, {@code ingest=4,classify=3,read=3} by default (a kind left out
 * is not sent). JVM options for the server go in the environment variable {@code SERVER_JAVA_OPTS}.
 */
public final class ServeLoadBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "bench-" + Long.toHexString(System.nanoTime());
    private static final int CUSTOMERS = 10_000;
    private static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");
    /** Long enough for both JVMs to compile the hot paths: before that the JIT compilers take a core of their own. */
    private static final Duration WARM_UP = Duration.ofSeconds(30);

    private ServeLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[1]));
        Path dist = Path.of(args[2]);
        Path pack = Path.of(args[3]);
        Map<String, Integer> mix = mix(args.length > 4 ? args[4] : "ingest=4,classify=3,read=3");
        System.out.printf(Locale.ROOT, "%d processors; Java %s; %s %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), System.getProperty("os.name"), System.getProperty("os.arch"));
        Path work = Files.createTempDirectory("lifestage-load");
        Path rules = TestPack.copy(pack, work.resolve("rules"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = work.resolve("serve.properties");
        Files.write(config, List.of(
                "lifestage.rules.dir=" + rules,
                "lifestage.rules.watch=true",
                "lifestage.store.url=jdbc:h2:file:" + work.resolve("store"),
                "lifestage.server.keys=bench",
                "lifestage.server.key.bench.token=" + TOKEN,
                "lifestage.server.key.bench.scopes=read,write"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        String serverOptions = System.getenv().getOrDefault("SERVER_JAVA_OPTS", "").trim();
        if (!serverOptions.isEmpty()) {
            command.addAll(List.of(serverOptions.split("\\s+")));
        }
        command.addAll(List.of("-cp", dist.resolve("classes") + ":" + dist.resolve("lib") + "/*",
                "io.lifestage.cli.Main", "serve", "--config", config.toString(), "--port",
                String.valueOf(port)));
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("server.log").toFile()).start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            long startedIn = waitUntilReady(base, server, work.resolve("server.log"));
            System.out.printf("server ready in %.1f s (log: %s)%n", startedIn / 1000.0, work.resolve("server.log"));
            seed(base);
            try (OpenLoopLoad load = new OpenLoopLoad(kinds(base, mix))) {
                measure(load, rate, duration, base, rules, server);
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            deleteStore(work);
        }
    }

    /** Deletes the server's store, hundreds of megabytes after a run, and keeps its log to look at afterwards. */
    private static void deleteStore(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith("store.")) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Warms both JVMs up, then sends the measured load, changes the rules halfway and prints what came back. */
    private static void measure(OpenLoopLoad load, int rate, Duration duration, URI base, Path rules, Process server)
            throws Exception {
        System.out.printf("warm-up: %d requests/s for %d s%n", rate, WARM_UP.toSeconds());
        load.run(rate, WARM_UP, () -> { });
        String before = rulesVersion(base);
        System.out.printf("measured: %d requests/s for %d s, the rule pack changed at half time%n", rate,
                duration.toSeconds());
        long started = System.nanoTime();
        Duration serverCpu = cpu(server);
        long clientCpu = ownCpuNanos();
        List<OpenLoopLoad.Outcome> outcomes = load.run(rate, duration, () -> touchRules(rules));
        double seconds = (System.nanoTime() - started) / 1e9;
        print(outcomes, seconds);
        double serverSeconds = cpu(server).minus(serverCpu).toNanos() / 1e9;
        double clientSeconds = (ownCpuNanos() - clientCpu) / 1e9;
        System.out.printf(Locale.ROOT, "CPU: server %.1f s (%.2f cores), load generator %.1f s (%.2f cores)%n",
                serverSeconds, serverSeconds / seconds, clientSeconds, clientSeconds / seconds);
        JsonNode status = read(base, "/v1/rules");
        System.out.printf("rule base %s -> %s, last reload error: %s%n", before, status.get("version").asText(),
                status.get("lastReloadError"));
        reportCatchUp(base);
    }

    /** Prints how far the evaluator was behind when the load stopped, and how long it took to catch up. */
    private static void reportCatchUp(URI base) throws Exception {
        double lag = evaluationLagSeconds(base);
        long stopped = System.nanoTime();
        Duration patience = Duration.ofMinutes(5);
        while (evaluationLagSeconds(base) > 0) {
            if (System.nanoTime() - stopped > patience.toNanos()) {
                System.out.printf(Locale.ROOT, "evaluator: %.1f s behind when the load stopped, still behind %d min"
                        + " later%n", lag, patience.toMinutes());
                return;
            }
            Thread.sleep(100);
        }
        System.out.printf(Locale.ROOT, "evaluator: %.1f s behind when the load stopped, caught up %.1f s later%n",
                lag, (System.nanoTime() - stopped) / 1e9);
    }

    private static double evaluationLagSeconds(URI base) throws IOException {
        for (JsonNode check : read(base, "/health/live").get("checks")) {
            if (check.get("name").asText().equals("evaluator")) {
                return check.get("data").get("lagSeconds").asDouble();
            }
        }
        throw new IllegalStateException("/health/live has no evaluator check");
    }

    /** The requests of the mix. */
    private static List<OpenLoopLoad.Kind> kinds(URI base, Map<String, Integer> mix) {
        List<OpenLoopLoad.Kind> kinds = new ArrayList<>();
        if (mix.containsKey("ingest")) {
            kinds.add(new OpenLoopLoad.Kind("ingest  POST /v1/batch", mix.get("ingest"),
                    n -> post(base, "/v1/batch", batch(n))));
        }
        if (mix.containsKey("classify")) {
            kinds.add(new OpenLoopLoad.Kind("classify POST /v1/classify", mix.get("classify"),
                    n -> post(base, "/v1/classify", "{\"asOf\":\"" + AS_OF + "\",\"events\":" + calls(n, 3)
                            + "}")));
        }
        if (mix.containsKey("read")) {
            kinds.add(new OpenLoopLoad.Kind("read    GET /v1/customers/{id}", mix.get("read"),
                    n -> get(base, "/v1/customers/" + customer(n * 7919))));
        }
        return kinds;
    }

    /** Parses {@code kind=weight,…}; kinds are ingest, classify and read. */
    private static Map<String, Integer> mix(String text) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kindAndWeight = part.trim().split("=");
            if (kindAndWeight.length != 2 || !Set.of("ingest", "classify", "read").contains(kindAndWeight[0])
                    || !kindAndWeight[1].matches("[1-9][0-9]*")) {
                throw new IllegalArgumentException("mix: expected kind=weight,… with kinds ingest, classify, read"
                        + " and whole weights above 0, got '" + part + "'");
            }
            weights.put(kindAndWeight[0], Integer.valueOf(kindAndWeight[1]));
        }
        return weights;
    }

    /** CPU time a process has used so far. */
    private static Duration cpu(Process process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "this platform does not report the CPU time of process " + process.pid()));
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Sends every customer one order and a page view, and waits until the server has a stage for each. */
    private static void seed(URI base) throws Exception {
        long started = System.nanoTime();
        for (int from = 0; from < CUSTOMERS; from += 250) {
            StringJoiner calls = new StringJoiner(",", "{\"batch\":[", "]}");
            for (int i = from; i < from + 250; i++) {
                calls.add(track(customer(i), i % 3 == 0 ? "Order Completed" : "Page Viewed", AS_OF.minusSeconds(
                        86_400L * (i % 200))));
            }
            send(post(base, "/v1/batch", calls.toString()));
        }
        while (read(base, "/v1/stages").get("total").asLong() < CUSTOMERS) {
            Thread.sleep(200);
        }
        System.out.printf("seeded %,d customers in %.1f s%n", CUSTOMERS, (System.nanoTime() - started) / 1e9);
    }

    private static String batch(long n) {
        return "{\"batch\":" + calls(n, 5) + "}";
    }

    /** {@code count} calls of one customer, distinct per request so that each is a new fact. */
    private static String calls(long n, int count) {
        String customer = customer(n);
        StringJoiner calls = new StringJoiner(",", "[", "]");
        String[] names = {"Page Viewed", "Product Viewed", "Product Added", "Checkout Started", "Order Completed"};
        for (int i = 0; i < count; i++) {
            calls.add(track(customer, names[(int) ((n + i) % names.length)],
                    AS_OF.minusSeconds(60L * (n % 100_000) + i)));
        }
        return calls.toString();
    }

    private static String track(String customer, String event, Instant at) {
        return "{\"type\":\"track\",\"userId\":\"" + customer + "\",\"event\":\"" + event + "\",\"timestamp\":\""
                + at + "\",\"properties\":{\"total\":25.5}}";
    }

    private static String customer(long n) {
        return String.format(Locale.ROOT, "load-%05d", Math.floorMod(n, CUSTOMERS));
    }

    private static OpenLoopLoad.Request post(URI base, String path, String body) {
        return new OpenLoopLoad.Request("POST", base.resolve(path), Map.of("Authorization", "Bearer " + TOKEN,
                "Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static OpenLoopLoad.Request get(URI base, String path) {
        return new OpenLoopLoad.Request("GET", base.resolve(path), Map.of("Authorization", "Bearer " + TOKEN), null);
    }

    private static JsonNode read(URI base, String path) throws IOException {
        return JSON.readTree(send(get(base, path)));
    }

    private static String send(OpenLoopLoad.Request request) throws IOException {
        OpenLoopLoad.Response response = OpenLoopLoad.send(request);
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(request.uri() + " answered " + response.status() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String rulesVersion(URI base) throws IOException {
        return read(base, "/v1/rules").get("version").asText();
    }

    private static long waitUntilReady(URI base, Process server, Path log) throws Exception {
        long started = System.nanoTime();
        while (true) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server stopped: " + Files.readString(log));
            }
            try {
                OpenLoopLoad.Response ready = OpenLoopLoad.send(get(base, "/health/ready"));
                if (ready.status() == 200) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Duration.ofNanos(System.nanoTime() - started).toSeconds() > 120) {
                throw new IllegalStateException("the server was not ready within 120 s: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    /** Changes the rule pack on disk as an analyst's save would: a new comment gives a new rule base version. */
    private static void touchRules(Path rules) {
        try {
            Files.writeString(rules.resolve("stages.drl"), "\n// changed during the load test at " + Instant.now()
                    + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(List<OpenLoopLoad.Outcome> outcomes, double seconds) {
        long sent = 0;
        long failed = 0;
        List<Long> all = new ArrayList<>();
        System.out.printf("%-34s %9s %8s %9s %9s %9s %9s%n", "request", "sent", "failed", "p50 ms", "p90 ms",
                "p99 ms", "max ms");
        for (OpenLoopLoad.Outcome outcome : outcomes) {
            sent += outcome.sent();
            failed += outcome.failed();
            for (long latency : outcome.latenciesMicros()) {
                all.add(latency);
            }
            System.out.printf("%-34s %,9d %,8d %9.2f %9.2f %9.2f %9.2f%n", outcome.kind(), outcome.sent(),
                    outcome.failed(), outcome.percentile(50) / 1000.0, outcome.percentile(90) / 1000.0,
                    outcome.percentile(99) / 1000.0, outcome.percentile(100) / 1000.0);
            outcome.failures().forEach((reason, count) -> System.out.printf("    %,d × %s%n", count, reason));
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        OpenLoopLoad.Outcome total = new OpenLoopLoad.Outcome("all", sent, sorted.length, Map.of(), sorted);
        System.out.printf("%-34s %,9d %,8d %9.2f %9.2f %9.2f %9.2f%n", "all", sent, failed,
                total.percentile(50) / 1000.0, total.percentile(90) / 1000.0, total.percentile(99) / 1000.0,
                total.percentile(100) / 1000.0);
        System.out.printf("achieved %.0f requests/s over %.1f s, %d failed%n", sent / seconds, seconds, failed);
    }
}
