package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage serve} told to stop (SIGTERM) answers the calls in progress before it closes the store. */
class StoppedServerTest {

    private static final String TOKEN = "writer-token-0123456789";

    @TempDir
    Path dir;

    @Test
    void aCallInProgressWhenTheProcessIsToldToStopIsAnsweredAndStored() throws Exception {
        Process server = Cli.start(Map.of(), dir.resolve("out.txt"), dir.resolve("err.txt"), "serve", "--config",
                Cli.serveConfig(dir, TOKEN).toString(), "--rules", Cli.DEFAULT_PACK.toString(), "--port", "0");
        try {
            URI base = URI.create(Cli.awaitServing(dir.resolve("out.txt")));
            byte[] body = ("{\"userId\":\"last-call\",\"event\":\"Signed Up\",\"timestamp\":\"" + Instant.now()
                    + "\"}").getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/track HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, 10);
                out.flush();
                Thread.sleep(500);

                server.destroy();
                Thread.sleep(500);
                out.write(body, 10, body.length - 10);
                out.flush();

                assertThat(statusLine(socket.getInputStream())).as("answer; the server's log: %s",
                        Files.readString(dir.resolve("err.txt"))).startsWith("HTTP/1.1 200");
            }
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the process stopped").isTrue();
            assertThat(Cli.storedCustomers(dir)).contains("last-call");
        } finally {
            server.destroyForcibly();
        }
    }

    private static String statusLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\r'; ) {
            line.append((char) c);
        }
        return line.toString();
    }
}
