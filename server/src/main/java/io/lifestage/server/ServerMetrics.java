package io.lifestage.server;

import io.lifestage.api.Lifestage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The numbers {@code /metrics} shows in the Prometheus text format: requests and their latency by route, method and
 * status; facts ingested, stored, duplicated and rejected; the evaluator's lag and the customers per stage.
 */
@Singleton
public class ServerMetrics {

    /** Methods counted by name; any other a client invents is {@code OTHER}, so clients cannot add series. */
    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "POST", "PUT", "DELETE", "PATCH",
            "HEAD", "OPTIONS");
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Lifestage lifestage;
    private final Map<String, Latency> requests = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> facts = new ConcurrentHashMap<>();

    @Inject
    ServerMetrics(Lifestage lifestage) {
        this.lifestage = lifestage;
    }

    /** One request: its route template (such as {@code /v1/customers/{id}}), method, status and duration. */
    void request(String route, String method, int status, long nanos) {
        String known = METHODS.contains(method) ? method : "OTHER";
        String labels = "route=\"" + route + "\",method=\"" + known + "\",status=\"" + status + "\"";
        requests.computeIfAbsent(labels, l -> new Latency()).add(nanos / 1e9);
    }

    /** What one ingest request did. */
    void ingested(Lifestage.Ingested ingested, int rejected) {
        count("stored", ingested.stored());
        count("duplicate", ingested.received() - ingested.stored());
        count("rejected", rejected);
    }

    private void count(String outcome, long n) {
        facts.computeIfAbsent(outcome, o -> new LongAdder()).add(n);
    }

    /** Everything, in the Prometheus text exposition format 0.0.4. */
    String render() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP lifestage_http_requests_total HTTP requests by route, method and status.\n")
                .append("# TYPE lifestage_http_requests_total counter\n");
        requests.forEach((labels, latency) -> line(out, "lifestage_http_requests_total", labels,
                latency.count.get()));
        out.append("# HELP lifestage_http_request_duration_seconds Time to answer, by route, method and status.\n")
                .append("# TYPE lifestage_http_request_duration_seconds histogram\n");
        requests.forEach((labels, latency) -> latency.render(out, labels));
        out.append("# HELP lifestage_ingest_facts_total Facts received over HTTP, by outcome.\n")
                .append("# TYPE lifestage_ingest_facts_total counter\n");
        for (String outcome : new String[] {"stored", "duplicate", "rejected"}) {
            LongAdder n = facts.get(outcome);
            line(out, "lifestage_ingest_facts_total", "outcome=\"" + outcome + "\"", n == null ? 0 : n.sum());
        }
        out.append("# HELP lifestage_evaluator_lag_seconds How long the oldest fact not yet evaluated has waited.\n")
                .append("# TYPE lifestage_evaluator_lag_seconds gauge\n")
                .append("lifestage_evaluator_lag_seconds ")
                .append(number(lifestage.evaluationLag().toNanos() / 1e9)).append('\n');
        out.append("# HELP lifestage_customers Customers per current stage.\n")
                .append("# TYPE lifestage_customers gauge\n");
        lifestage.stageCounts().forEach((stage, n) -> line(out, "lifestage_customers", "stage=\"" + stage + "\"", n));
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String labels, long value) {
        out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    /** A histogram of durations in seconds. */
    private static final class Latency {
        private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length);
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong sumNanos = new AtomicLong();

        void add(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets.incrementAndGet(i);
                }
            }
            count.incrementAndGet();
            sumNanos.addAndGet((long) (seconds * 1e9));
        }

        void render(StringBuilder out, String labels) {
            String name = "lifestage_http_request_duration_seconds";
            for (int i = 0; i < BUCKETS.length; i++) {
                out.append(name).append("_bucket{").append(labels).append(",le=\"").append(BUCKETS[i]).append("\"} ")
                        .append(buckets.get(i)).append('\n');
            }
            out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(count.get())
                    .append('\n');
            out.append(name).append("_sum{").append(labels).append("} ").append(number(sumNanos.get() / 1e9))
                    .append('\n');
            out.append(name).append("_count{").append(labels).append("} ").append(count.get()).append('\n');
        }
    }
}
