package io.hacamel.bridge.hub;

import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.LogCapture;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub pings its clients: one that answers stays, however quiet; one that does not is closed with 4408. A client
 * that leaves is never timed out afterwards, and how it left is logged as it happened.
 */
class HubReadTimeoutTest extends BridgeTestSupport {

    private static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("hub.read-timeout", "3s");
        properties.put("hub.heartbeat-interval", "1h");
    }

    @Test
    void closesAClientThatAnswersNoPingsAndKeepsOneThatDoes() {
        awaitReady();
        try (HubTestClient answering = HubTestClient.welcomed(httpPort);
             RawHubClient silent = RawHubClient.connect(httpPort, 65536)) {
            assertThat(silent.awaitCloseCode()).isEqualTo(4408);

            await().atMost(Duration.ofSeconds(30)).until(() -> answering.pings() >= 4);
            answering.send("ping", null, 1);
            answering.nextMessage("pong");
            answering.assertExhausted();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(disconnects("read_timeout"))
                .isEqualTo(1));
    }

    @Test
    void aClientThatClosedCleanlyIsNotTimedOutLater() {
        awaitReady();
        logs.clear();
        HubTestClient leaving = HubTestClient.welcomed(httpPort);
        assertThat(leaving.closeCleanly().code()).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> disconnects("client") == 1);

        // connected after the first one left: its read timeout comes after the first one's would have
        try (RawHubClient silent = RawHubClient.connect(httpPort, 65536)) {
            assertThat(silent.awaitCloseCode()).isEqualTo(4408);
        }

        assertThat(disconnects("read_timeout")).isEqualTo(1);
        assertThat(disconnects("client")).isEqualTo(1);
        assertThat(logs.lines()).filteredOn(line -> line.contains("nothing received")).hasSize(1);
    }

    @Test
    void aClientThatDropsItsConnectionIsLoggedAsSuch() {
        awaitReady();
        logs.clear();
        RawHubClient dropping = RawHubClient.connect(httpPort, 65536);
        dropping.close(); // no close frame

        await().atMost(Duration.ofSeconds(10)).until(() -> disconnects("client") == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logs.lines())
                .filteredOn(line -> line.contains("disconnected (client"))
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .endsWith("(client, the connection ended without a close frame)"));
    }

    private long disconnects(String reason) {
        return api.get("/api/v1/websocket/stats").body().path("data").path("disconnects").path(reason).asLong();
    }
}
