package io.hacamel.bridge.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.PrometheusScrape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API port with the shipped limits: a connection that sends no complete request head within api.header-timeout
 * (nothing, a slowloris trickle, or nothing more after an answer) is closed; one on which a body stops halfway is
 * closed at api.idle-timeout, later; beyond api.max-connections a connection is closed at once.
 */
class ApiServerLimitsTest extends BridgeTestSupport {

    @Test
    void connectionsThatSendNoRequestAreClosed() throws Exception {
        awaitReady();
        try (Socket silent = open(); Socket slowloris = open(); Socket keptAlive = open(); Socket stalledBody = open()) {
            write(slowloris, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a");
            write(keptAlive, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            write(stalledBody, "POST /api/v1/websocket/broadcast HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"type\":");

            assertThat(readUntilClosed(keptAlive)).startsWith("HTTP/1.1 200");
            assertThat(readUntilClosed(silent)).isEmpty();
            assertThat(readUntilClosed(slowloris)).isEmpty();
            assertThat(stillOpen(stalledBody)).as("a request head came: only the idle timeout closes it").isTrue();
            assertThat(readUntilClosed(stalledBody)).doesNotStartWith("HTTP/1.1 2");
        }
        assertThat(PrometheusScrape.of(api.get("/metrics").text())
                .value("habridge_http_connections_closed_total", "reason", "header_timeout")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void beyondTheMostConnectionsOneIsClosedAtOnce() throws Exception {
        awaitReady();
        List<Socket> held = new ArrayList<>();
        try {
            while (held.size() < 500) {
                held.add(open());
            }
            try (Socket oneTooMany = open()) {
                assertThat(readUntilClosed(oneTooMany)).isEmpty();
                assertThat(stillOpen(held.get(0))).as("the first is held until its header timeout").isTrue();
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/health/live").status() == 200);
        assertThat(PrometheusScrape.of(api.get("/metrics").text())
                .value("habridge_http_connections_closed_total", "reason", "too_many")).isGreaterThanOrEqualTo(1);
    }

    private Socket open() throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress("127.0.0.1", httpPort), 10_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Everything the server sends until it closes the connection (within the read timeout). */
    private static String readUntilClosed(Socket socket) {
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // a reset is a close too
            return "";
        }
    }

    /** True when the server neither sends nor closes for a moment. */
    private static boolean stillOpen(Socket socket) {
        try {
            socket.setSoTimeout(200);
            InputStream in = socket.getInputStream();
            boolean open;
            try {
                open = in.read() >= 0;
            } catch (SocketTimeoutException e) {
                open = true;
            }
            socket.setSoTimeout(60_000);
            return open;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
