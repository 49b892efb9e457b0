package io.lifestage.server;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the requests one client address has in progress, so that one client sending bodies slowly (or a flood of
 * requests) holds a bounded share of the request threads: over the bound, {@code 429 too_many_requests} with
 * {@code Retry-After: 1}, before the body is read. Runs after the request headers are read.
 */
final class RequestsPerClient extends Filter {

    private final int limit;
    private final Map<InetAddress, Integer> inProgress = new ConcurrentHashMap<>();

    RequestsPerClient(int limit) {
        this.limit = limit;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        InetAddress client = exchange.getRemoteAddress().getAddress();
        int count = inProgress.merge(client, 1, Integer::sum);
        try {
            if (count > limit) {
                refuse(exchange);
            } else {
                chain.doFilter(exchange);
            }
        } finally {
            inProgress.computeIfPresent(client, (address, left) -> left == 1 ? null : left - 1);
        }
    }

    private void refuse(HttpExchange exchange) throws IOException {
        byte[] body = ("{\"error\":\"too_many_requests\",\"message\":\"this client has " + limit + " requests in"
                + " progress already (lifestage.server.max-requests-per-client); retry after the answers\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Retry-After", "1");
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(429, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public String description() {
        return "at most " + limit + " requests in progress per client address";
    }
}
