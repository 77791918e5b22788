package io.hacamel.bridge.hub;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading is dropped once its send buffer is full or its socket takes nothing for the write
 * timeout, while another client gets every latest state in order and the session to Home Assistant goes on;
 * heartbeats; the client limit.
 */
class HubSlowClientTest extends BridgeTestSupport {

    /** 4 KiB of attributes, so that a few hundred changes fill the socket buffers of a client that stopped reading. */
    private static final ObjectNode PADDED = new ObjectMapper().createObjectNode().put("padding", "p".repeat(4096));

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("hub.send-buffer", "32");
        properties.put("hub.write-timeout", "3s");
        properties.put("hub.heartbeat-interval", "1s");
        properties.put("hub.max-clients", "3");
    }

    @Test
    void dropsAClientWhoseBufferFillsWhileTheOthersGetEveryLatestState() {
        awaitReady();
        try (HubTestClient fast = HubTestClient.welcomed(httpPort);
             RawHubClient slow = RawHubClient.connect(httpPort, 4096)) {
            fast.send("subscribe", "{\"entity_ids\":[\"sensor.load_0\"]}", null);
            fast.skipUntil("subscribed", message -> true);
            slow.sendText("{\"type\":\"subscribe\",\"data\":{\"all\":true}}");

            AtomicInteger changes = new AtomicInteger();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (int i = 0; i < 100; i++) {
                    int change = changes.getAndIncrement();
                    simulator.home().setState("sensor.load_" + change % 100, String.valueOf(change), PADDED);
                }
                return hubStats().path("disconnects").path("buffer_full").asLong() == 1;
            });

            int last = (changes.get() - 1) / 100 * 100;
            int previous = -1;
            while (previous != last) {
                int value = fast.skipUntil("entity_state_changed", message -> true).path("data").path("new_state")
                        .asInt();
                assertThat(value).as("changes arrive in order").isGreaterThan(previous);
                previous = value;
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> hubStats().path("connected_clients").asInt() == 1);
            assertThat(api.get("/status").body().path("home_assistant").path("reconnects").asLong())
                    .as("the Home Assistant session never waited for the slow client").isZero();
            assertThat(api.get("/metrics").text())
                    .contains("habridge_hub_disconnects_total{reason=\"buffer_full\"} 1.0");
        }
    }

    @Test
    void dropsAClientWhoseSocketTakesNothingForTheWriteTimeout() {
        awaitReady();
        try (RawHubClient slow = RawHubClient.connect(httpPort, 4096)) {
            slow.sendText("{\"type\":\"subscribe\",\"data\":{\"entity_ids\":[\"sensor.load_0\"]}}");

            AtomicInteger changes = new AtomicInteger();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (int i = 0; i < 50; i++) {
                    simulator.home().setState("sensor.load_0", String.valueOf(changes.getAndIncrement()), PADDED);
                }
                return hubStats().path("disconnects").path("write_timeout").asLong() == 1;
            });

            assertThat(hubStats().path("messages_coalesced").asLong())
                    .as("changes of one entity merged while the client lagged").isPositive();
            assertThat(hubStats().path("disconnects").path("buffer_full").asLong()).isZero();
        }
    }

    @Test
    void sendsEveryClientAHeartbeatWithTheClientCount() {
        awaitReady();
        try (HubTestClient one = HubTestClient.welcomed(httpPort);
             HubTestClient two = HubTestClient.welcomed(httpPort)) {
            JsonNode heartbeat = one.skipUntil("heartbeat",
                    message -> message.path("data").path("clients").asInt() == 2);
            assertThat(heartbeat.path("data").path("timestamp").asText()).isNotEmpty();
            two.skipUntil("heartbeat", message -> true);
        }
    }

    @Test
    void turnsAwayClientsBeyondTheLimitWith1013() {
        awaitReady();
        try (HubTestClient one = HubTestClient.welcomed(httpPort);
             HubTestClient two = HubTestClient.welcomed(httpPort);
             HubTestClient three = HubTestClient.welcomed(httpPort);
             HubTestClient four = HubTestClient.connectWithKey(httpPort);
             HubTestClient keyLater = HubTestClient.connect(httpPort, "");
             HubTestClient wrongKey = HubTestClient.connect(httpPort, "", "Authorization", "Bearer not-the-key")) {
            assertThat(four.nextClose().code()).isEqualTo(1013);
            keyLater.nextMessage("auth_required");
            keyLater.send("auth", "{\"api_key\":\"" + API_KEY + "\"}", null);
            assertThat(keyLater.nextClose().code()).as("a key sent after the handshake finds no place either")
                    .isEqualTo(1013);
            assertThat(wrongKey.nextMessage("error").path("data").path("code").asText())
                    .as("a wrong key is refused as such, from a place of the clients without a key")
                    .isEqualTo("unauthorized");
            assertThat(wrongKey.nextClose().code()).isEqualTo(4401);

            one.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> hubStats().path("connected_clients").asInt() == 2);
            try (HubTestClient five = HubTestClient.connectWithKey(httpPort)) {
                five.nextMessage("connection");
            }
        }
        assertThat(hubStats().path("disconnects").path("too_many_clients").asLong()).isEqualTo(2);
    }

    private JsonNode hubStats() {
        return api.get("/api/v1/websocket/stats").body().path("data");
    }
}
