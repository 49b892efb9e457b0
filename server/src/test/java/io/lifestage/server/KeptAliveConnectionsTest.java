package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients with a pool of kept-alive connections, as load balancers and busy hosts have. Each connection is a raw
 * socket here, so nothing retries behind the test's back as HTTP clients do for a GET.
 */
class KeptAliveConnectionsTest {

    /** More than the 200 idle connections the JDK server, used before Jetty, kept unless told otherwise. */
    private static final int CONNECTIONS = 300;

    @TempDir
    Path dir;

    @Test
    void everyKeptAliveConnectionIsAnsweredAgainAfterAllWereIdleAtOnce() throws IOException {
        try (LifestageServer server = TestServers.startOnDefaultPack(dir, Map.of());
             RawConnections connections = new RawConnections(server)) {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = connections.open();
                socket.setSoTimeout(10_000);
                assertThat(statusOfLiveCheck(socket)).isEqualTo(200);
            }
            for (Socket socket : connections.all()) {
                assertThat(statusOfLiveCheck(socket)).as("second request on connection %s",
                        socket.getLocalPort()).isEqualTo(200);
            }
        }
    }

    /** Sends {@code GET /health/live} on the connection, reads the whole answer and returns its status. */
    private static int statusOfLiveCheck(Socket socket) throws IOException {
        socket.getOutputStream().write(("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        assertThat(head).as("an answer, not a closed connection").isNotEmpty();
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        assertThat(in.readNBytes(length)).hasSize(length);
        return Integer.parseInt(head.split(" ")[1]);
    }

    /** The status line and headers, up to the blank line; empty when the server closed the connection. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < end.length && (b = in.read()) != -1) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
