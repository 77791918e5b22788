package io.hacamel.bridge.hub;

import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The hub pings its clients: one that answers stays, however quiet; one that does not is closed with 4408. */
class HubReadTimeoutTest extends BridgeTestSupport {

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
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get("/api/v1/websocket/stats")
                .body().path("data").path("disconnects").path("read_timeout").asLong()).isEqualTo(1));
    }
}
