package io.hacamel.bridge.api;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.PrometheusScrape;
import io.hacamel.bridge.testing.RawHttp;
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
            RawHttp.write(slowloris, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a");
            RawHttp.write(keptAlive, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            RawHttp.write(stalledBody, "POST /api/v1/websocket/broadcast HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + API_KEY + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"type\":");

            assertThat(RawHttp.readUntilClosed(keptAlive)).startsWith("HTTP/1.1 200");
            assertThat(RawHttp.readUntilClosed(silent)).isEmpty();
            assertThat(RawHttp.readUntilClosed(slowloris)).isEmpty();
            assertThat(RawHttp.stillOpen(stalledBody)).as("a request head came: only the idle timeout closes it")
                    .isTrue();
            assertThat(RawHttp.readUntilClosed(stalledBody)).doesNotStartWith("HTTP/1.1 2");
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
                assertThat(RawHttp.readUntilClosed(oneTooMany)).isEmpty();
                assertThat(RawHttp.stillOpen(held.get(0))).as("the first is held until its header timeout").isTrue();
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
        return RawHttp.open("127.0.0.1", httpPort);
    }
}
