package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests the HTTP server refuses before they reach the API are answered in the API's JSON error format too. Sent
 * over a raw socket: the JDK's client refuses to send them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsTest {

    @TempDir
    static Path dir;

    private LifestageServer server;

    @BeforeAll
    void start() {
        server = TestServers.startOnDefaultPack(dir, Map.of());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /v1/customers/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /v1/customers/%ZZ/history HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServers.READER
                + "\r\n\r\n",
        "GET /v1/customers/a\"b HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /v1/customers/a|b<c> HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /v1/stages HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
        "POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        "POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Length: two\r\n\r\n{}",
        "POST /v1/track HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n{}",
        "GARBAGE\r\n\r\n",
    })
    void aRequestTheServerCannotParseIsAnsweredWithAJsonError(String request) throws IOException {
        String answer = exchange(request);

        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(head).matches("(?s)HTTP/1\\.1 (4|5)\\d\\d .*");
        assertThat(head.toLowerCase(Locale.ROOT)).contains("content-type: application/json");
        JsonNode json = Json.MAPPER.readTree(body);
        assertThat(json.get("error").asText()).isNotBlank();
        assertThat(json.get("message").asText()).isNotBlank();
    }

    @Test
    void anIdWithAnEncodedSlashOrPercentSignIsStillOneCustomer() throws Exception {
        Http writer = Http.to(server.port()).bearer(TestServers.WRITER);
        String id = "shop/42%../x";
        writer.post("/v1/track", "{\"userId\":\"" + id + "\",\"event\":\"Order Completed\",\"timestamp\":\""
                + java.time.Instant.now().minusSeconds(60) + "\"}");
        String path = "/v1/customers/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");

        assertThat(writer.get(path + "/explanation").json().get("customerId").asText()).isEqualTo(id);
        assertThat(writer.delete(path).json().get("erased").asBoolean()).isTrue();
    }

    /** Sends the bytes as they are and reads the answer until the server closes the connection or 2 s pass. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, read);
                    String text = answer.toString(StandardCharsets.ISO_8859_1);
                    if (complete(text)) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException kept) {
                // a kept-alive connection: what arrived is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Whether the text holds headers and a body of the Content-Length they give. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return text.length() - end - 4 >= Integer.parseInt(line.substring(15).trim());
            }
        }
        return false;
    }
}
