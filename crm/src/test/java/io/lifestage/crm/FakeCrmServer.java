package io.lifestage.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A CRM's HTTP API on a free loopback port, for the CRM connectors' tests: a subclass answers each request in
 * {@link #handle}, one request at a time, and answers with {@link #send}. Registered as a JUnit extension, it stops
 * after each test.
 */
public abstract class FakeCrmServer implements AfterEachCallback {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    /** Starts the server; requests reach {@link #handle} once a test has given the connector {@link #url()}. */
    protected FakeCrmServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            synchronized (this) {
                try (exchange) {
                    handle(exchange);
                }
            }
        });
        server.start();
    }

    /** The root URL of the API, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers one request; the exchange is closed afterwards. */
    protected abstract void handle(HttpExchange exchange) throws IOException;

    @Override
    public void afterEach(ExtensionContext test) {
        server.stop(0);
    }

    /** Sends a JSON answer with the given status. */
    protected static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
