package io.hacamel.bridge.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub of the whole bridge against the simulator's demo home (areas, devices), with real WebSocket clients:
 * welcome, ping, subscriptions by entity, domain and area, area membership changes, states, errors, system status.
 */
class HubTest extends BridgeTestSupport {

    @Override
    protected SimulatedHome home() {
        return SimulatedHome.demo();
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("hub.heartbeat-interval", "1h");
        properties.put("hub.rate-limit", "1000"); // HubAuthTest tests the limit; here it must not interfere
    }

    @Test
    void welcomesAClientAndAnswersItsPing() {
        awaitReady();
        try (HubTestClient client = HubTestClient.connectWithKey(httpPort)) {
            JsonNode welcome = client.nextMessage("connection");
            assertThat(welcome.path("data").path("status").asText()).isEqualTo("connected");
            assertThat(welcome.path("data").path("client_id").asText()).hasSize(36);
            assertThat(welcome.path("data").path("timestamp").asText()).isNotEmpty();
            assertThat(welcome.path("data").path("limits").path("max_message_bytes").asInt()).isEqualTo(512);
            JsonNode status = client.nextMessage("system_status");
            assertThat(status.path("data").path("status").asText()).isEqualTo("connected");
            assertThat(status.path("data").path("home_assistant").path("stale").asBoolean()).isFalse();

            client.send("ping", "{}", 7);
            client.send("ping", null, null);

            JsonNode pong = client.nextMessage("pong");
            assertThat(pong.path("id").asInt()).isEqualTo(7);
            assertThat(pong.path("data").path("timestamp").asText()).isNotEmpty();
            assertThat(client.nextMessage("pong").has("id")).isFalse();
            client.assertExhausted();
        }
    }

    @Test
    void deliversChangesOfSubscribedEntitiesOnly() {
        awaitReady();
        try (HubTestClient client = HubTestClient.welcomed(httpPort)) {
            awaitAreasLoaded(client);
            client.send("subscribe", "{\"entity_ids\":[\"light.kitchen_spots\"]}", 1);
            JsonNode subscribed = client.nextMessage("subscribed");
            assertThat(subscribed.path("id").asInt()).isEqualTo(1);
            assertThat(subscribed.path("data").path("entity_ids").get(0).asText()).isEqualTo("light.kitchen_spots");

            simulator.home().setState("switch.coffee_machine", "on");
            simulator.home().setState("light.kitchen_spots", "off");

            JsonNode change = client.nextStateChange("light.kitchen_spots").path("data");
            assertThat(change.path("old_state").asText()).isEqualTo("on");
            assertThat(change.path("new_state").asText()).isEqualTo("off");
            assertThat(change.path("domain").asText()).isEqualTo("light");
            assertThat(change.path("area_id").asText()).isEqualTo("kitchen");
            assertThat(change.path("attributes").path("friendly_name").asText()).isEqualTo("Kitchen Spots");
            assertThat(change.path("last_changed").asText()).isNotEmpty();
            assertThat(change.path("resync").asBoolean()).isFalse();
            client.assertExhausted();
        }
    }

    @Test
    void deliversChangesOfSubscribedDomainsUntilUnsubscribed() {
        awaitReady();
        try (HubTestClient client = HubTestClient.welcomed(httpPort)) {
            awaitAreasLoaded(client);
            client.send("subscribe", "{\"domains\":[\"cover\",\"lock\"]}", null);
            client.nextMessage("subscribed");

            simulator.home().setState("light.hallway", "off");
            simulator.home().setState("cover.bedroom_shutter", "open");
            simulator.home().setState("lock.front_door", "unlocked");

            assertThat(client.nextStateChange("cover.bedroom_shutter").path("data").path("new_state").asText())
                    .isEqualTo("open");
            assertThat(client.nextStateChange("lock.front_door").path("data").path("area_id").asText())
                    .as("the lock's area, from its device").isEqualTo("hallway");

            client.send("unsubscribe", "{\"domains\":[\"cover\"]}", 2);
            JsonNode unsubscribed = client.nextMessage("unsubscribed");
            assertThat(unsubscribed.path("data").path("domains")).extracting(JsonNode::asText).containsExactly("lock");
            simulator.home().setState("cover.bedroom_shutter", "closed");
            simulator.home().setState("lock.front_door", "locked");

            client.nextStateChange("lock.front_door");
            client.assertExhausted();
        }
    }

    @Test
    void deliversChangesOfSubscribedAreasByIdOrName() {
        awaitReady();
        try (HubTestClient client = HubTestClient.welcomed(httpPort)) {
            awaitAreasLoaded(client);
            client.send("subscribe", "{\"areas\":[\"Hallway\",\"kitchen\"]}", 1);
            assertThat(client.nextMessage("subscribed").path("data").path("areas")).extracting(JsonNode::asText)
                    .containsExactly("hallway", "kitchen");

            simulator.home().setState("light.bedroom_ceiling", "on");
            simulator.home().setState("switch.coffee_machine", "on");
            simulator.home().setState("lock.front_door", "unlocked");

            assertThat(client.nextStateChange("switch.coffee_machine").path("data").path("area_id").asText())
                    .isEqualTo("kitchen");
            client.nextStateChange("lock.front_door");
            client.assertExhausted();
        }
    }

    @Test
    void followsEntitiesIntoAndOutOfAreas() {
        awaitReady();
        try (HubTestClient client = HubTestClient.welcomed(httpPort)) {
            awaitAreasLoaded(client);
            client.send("subscribe", "{\"areas\":[\"garage\"],\"entity_ids\":[\"sensor.outdoor_temperature\"]}", 1);
            client.nextMessage("subscribed");

            simulator.home().assignArea("light.hallway", "garage");
            JsonNode joined = client.nextMessage("area_membership_changed").path("data");
            assertThat(joined.path("entity_id").asText()).isEqualTo("light.hallway");
            assertThat(joined.path("old_area_id").asText()).isEqualTo("hallway");
            assertThat(joined.path("new_area_id").asText()).isEqualTo("garage");
            assertThat(joined.path("state").path("state").asText()).isEqualTo("on");
            simulator.home().setState("light.hallway", "off");
            assertThat(client.nextStateChange("light.hallway").path("data").path("area_id").asText())
                    .isEqualTo("garage");

            simulator.home().assignArea("light.hallway", "hallway");
            JsonNode left = client.nextMessage("area_membership_changed").path("data");
            assertThat(left.path("new_area_id").asText()).isEqualTo("hallway");
            simulator.home().setState("light.hallway", "on");
            simulator.home().setState("sensor.outdoor_temperature", "15.2");
            client.nextStateChange("sensor.outdoor_temperature");

            simulator.home().removeArea("garage");
            Set<String> leaving = Set.of("cover.garage_door", "lock.garage_side_door", "switch.ev_charger",
                    "sensor.ev_charger_energy", "sensor.garage_temperature");
            List<String> left2 = new ArrayList<>();
            for (int i = 0; i < leaving.size(); i++) {
                JsonNode move = client.nextMessage("area_membership_changed").path("data");
                assertThat(move.path("old_area_id").asText()).isEqualTo("garage");
                assertThat(move.path("new_area_id").isNull()).isTrue();
                left2.add(move.path("entity_id").asText());
            }
            assertThat(left2).containsExactlyInAnyOrderElementsOf(leaving);
            client.assertExhausted();
        }
    }

    @Test
    void answersTheCurrentStatesOfASubscription() {
        awaitReady();
        try (HubTestClient client = HubTestClient.welcomed(httpPort)) {
            client.send("get_states", null, 1);
            assertThat(client.nextMessage("states").path("data").path("count").asInt()).isZero();
            client.send("subscribe", "{\"domains\":[\"light\"],\"entity_ids\":[\"lock.front_door\"]}", null);
            client.nextMessage("subscribed");

            client.send("get_states", null, 2);

            JsonNode states = client.nextMessage("states");
            assertThat(states.path("id").asInt()).isEqualTo(2);
            assertThat(states.path("data").path("stale").asBoolean()).isFalse();
            assertThat(states.path("data").path("states")).extracting(state -> state.path("entity_id").asText())
                    .containsExactly("light.bedroom_ceiling", "light.bedside_lamp", "light.hallway",
                            "light.kitchen_spots", "light.living_room_ceiling", "light.living_room_floor_lamp",
                            "lock.front_door");
            assertThat(states.path("data").path("count").asInt()).isEqualTo(7);
            assertThat(states.path("data").path("states").get(0).path("attributes").path("friendly_name").asText())
                    .isEqualTo("Bedroom Ceiling");
            client.assertExhausted();
        }
    }

    @Test
    void listsTheAreasWithTheirEntities() {
        awaitReady();
        try (HubTestClient client = HubTestClient.welcomed(httpPort)) {
            JsonNode areas = awaitAreasLoaded(client);

            assertThat(areas.path("data").path("areas")).extracting(area -> area.path("area_id").asText())
                    .containsExactly("living_room", "kitchen", "bedroom", "hallway", "garage");
            JsonNode hallway = areas.path("data").path("areas").get(3);
            assertThat(hallway.path("name").asText()).isEqualTo("Hallway");
            assertThat(hallway.path("entity_ids")).extracting(JsonNode::asText)
                    .containsExactly("binary_sensor.front_door", "light.hallway", "lock.front_door");
            client.assertExhausted();
        }
    }

    @Test
    void answersBadMessagesWithAnErrorAndKeepsTheConnection() {
        awaitReady();
        try (HubTestClient client = HubTestClient.welcomed(httpPort)) {
            awaitAreasLoaded(client);
            client.sendText("{not json");
            assertError(client.nextMessage("error"), "invalid_json", null);
            client.sendText("[1,2]");
            assertError(client.nextMessage("error"), "invalid_message", null);
            client.send("dance", null, 4);
            JsonNode unknown = client.nextMessage("error");
            assertError(unknown, "unknown_type", "type");
            assertThat(unknown.path("id").asInt()).isEqualTo(4);
            client.send("subscribe", "{\"entities\":[\"light.hallway\"]}", null);
            assertError(client.nextMessage("error"), "invalid_field", "entities");
            client.send("subscribe", "{\"entity_ids\":[\"Light.Hallway\"]}", null);
            assertError(client.nextMessage("error"), "invalid_field", "entity_ids");
            client.send("subscribe", "{\"domains\":\"light\"}", null);
            assertError(client.nextMessage("error"), "invalid_field", "domains");
            client.send("subscribe", "{\"areas\":[\"attic\"]}", null);
            assertError(client.nextMessage("error"), "unknown_area", "areas");
            client.send("subscribe", "{}", null);
            assertError(client.nextMessage("error"), "invalid_field", null);
            client.send("subscribe", "[]", null);
            assertError(client.nextMessage("error"), "invalid_field", "data");
            client.send("auth", "{\"api_key\":\"whatever\"}", null);
            assertError(client.nextMessage("error"), "already_authenticated", null);
            client.sendBinary(new byte[] {1, 2, 3});
            assertError(client.nextMessage("error"), "binary_not_supported", null);

            client.send("ping", null, 9);
            assertThat(client.nextMessage("pong").path("id").asInt()).isEqualTo(9);
            client.send("get_states", null, null);
            assertThat(client.nextMessage("states").path("data").path("count").asInt())
                    .as("no bad subscribe changed the subscription").isZero();
            client.assertExhausted();
        }
        assertThat(api.get("/api/v1/websocket/stats").body().path("data").path("rejected_messages")
                .path("invalid").asLong()).isEqualTo(10);
    }

    @Test
    void closesAClientThatSendsAnOversizedMessageWith1009AndKeepsTheOthers() {
        awaitReady();
        try (HubTestClient big = HubTestClient.welcomed(httpPort);
             HubTestClient fragmented = HubTestClient.welcomed(httpPort);
             HubTestClient huge = HubTestClient.welcomed(httpPort);
             HubTestClient other = HubTestClient.welcomed(httpPort)) {
            big.sendText("{\"type\":\"ping\",\"data\":{\"pad\":\"" + "x".repeat(500) + "\"}}");
            fragmented.sendInTwoFrames("{\"type\":\"ping\",\"data\":{\"pad\":\"" + "x".repeat(300),
                    "x".repeat(300) + "\"}}");
            huge.sendText("x".repeat(100_000));

            JsonNode error = big.nextMessage("error");
            assertError(error, "message_too_large", null);
            assertThat(big.nextClose().code()).isEqualTo(1009);
            assertError(fragmented.nextMessage("error"), "message_too_large", null);
            assertThat(fragmented.nextClose().code()).isEqualTo(1009);
            assertError(huge.nextMessage("error"), "message_too_large", null);
            assertThat(huge.nextClose().code()).isEqualTo(1009);
            other.send("ping", "{\"pad\":\"" + "x".repeat(450) + "\"}", 1);
            other.nextMessage("pong");
            big.assertExhausted();
            fragmented.assertExhausted();
            huge.assertExhausted();
            other.assertExhausted();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get("/api/v1/websocket/stats")
                .body().path("data").path("disconnects").path("too_large").asLong()).isEqualTo(3));
    }

    @Test
    void tellsEveryClientWhenHomeAssistantGoesAndComesBack() {
        awaitReady();
        try (HubTestClient client = HubTestClient.welcomed(httpPort)) {
            client.send("subscribe", "{\"entity_ids\":[\"light.hallway\"]}", null);
            client.nextMessage("subscribed");

            simulator.faults().refuseConnections(true);
            simulator.faults().dropConnections();
            JsonNode down = client.nextMessage("system_status").path("data");
            assertThat(down.path("status").asText()).isEqualTo("disconnected");
            assertThat(down.path("home_assistant").path("stale").asBoolean()).isTrue();
            client.send("get_states", null, null);
            JsonNode stale = client.skipUntil("states", message -> true);
            assertThat(stale.path("data").path("stale").asBoolean()).isTrue();
            assertThat(stale.path("data").path("count").asInt()).as("states kept while away").isEqualTo(1);
            simulator.home().setState("light.hallway", "off");

            simulator.faults().refuseConnections(false);
            JsonNode resynced = null;
            JsonNode up = null;
            while (resynced == null || up == null) { // the status and the resync's events travel separately
                JsonNode message = client.skipUntilAny("entity_state_changed", "system_status");
                if (message.path("type").asText().equals("entity_state_changed")) {
                    assertThat(resynced).as("one change while away").isNull();
                    resynced = message.path("data");
                } else if (message.path("data").path("home_assistant").path("connected").asBoolean()) {
                    up = message.path("data");
                }
            }
            assertThat(resynced.path("entity_id").asText()).isEqualTo("light.hallway");
            assertThat(resynced.path("new_state").asText()).isEqualTo("off");
            assertThat(resynced.path("resync").asBoolean()).as("a change made while away, found by the resync")
                    .isTrue();
            assertThat(up.path("status").asText()).isEqualTo("connected");
            client.assertExhausted();
        }
    }

    @Test
    void broadcastsAndCountsForEveryClient() {
        awaitReady();
        try (HubTestClient one = HubTestClient.welcomed(httpPort);
             HubTestClient two = HubTestClient.welcomed(httpPort)) {
            one.send("ping", null, null);
            one.nextMessage("pong");

            Answer answer = api.post("/api/v1/websocket/broadcast",
                    "{\"type\":\"custom_notification\",\"data\":{\"message\":\"Maintenance\",\"level\":\"warning\"}}");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("success").asBoolean()).isTrue();
            assertThat(answer.body().path("data").path("message").asText())
                    .isEqualTo("Message broadcasted successfully");
            assertThat(answer.body().path("data").path("clients_count").asInt()).isEqualTo(2);
            assertThat(answer.body().path("data").path("message_type").asText()).isEqualTo("custom_notification");
            assertThat(answer.body().path("timestamp").asText()).isNotEmpty();
            for (HubTestClient client : List.of(one, two)) {
                JsonNode message = client.nextMessage("custom_notification");
                assertThat(message.path("data").path("level").asText()).isEqualTo("warning");
                client.assertExhausted();
            }

            JsonNode stats = api.get("/api/v1/websocket/stats").body();
            assertThat(stats.path("success").asBoolean()).isTrue();
            assertThat(stats.path("data").path("connected_clients").asInt()).isEqualTo(2);
            assertThat(stats.path("data").path("total_connections").asLong()).isEqualTo(2);
            assertThat(stats.path("data").path("messages_received").asLong()).isEqualTo(1);
            assertThat(stats.path("data").path("messages_sent").asLong())
                    .as("2 welcomes, 2 statuses, a pong, 2 broadcasts").isEqualTo(7);
            assertThat(stats.path("data").path("last_activity").asText()).isNotEmpty();
        }
        assertThat(api.get("/metrics").text()).contains("habridge_hub_connections_total 2.0",
                "habridge_hub_messages_received_total 1.0", "habridge_hub_broadcasts_total 1.0");
    }

    @Test
    void refusesBadBroadcasts() {
        awaitReady();
        assertBadRequest(api.post("/api/v1/websocket/broadcast", "{nope"), "body");
        assertBadRequest(api.post("/api/v1/websocket/broadcast", "[]"), "body");
        assertBadRequest(api.post("/api/v1/websocket/broadcast", "{\"data\":{}}"), "type");
        assertBadRequest(api.post("/api/v1/websocket/broadcast", "{\"type\":\"Bad Type\"}"), "type");
        assertBadRequest(api.post("/api/v1/websocket/broadcast", "{\"type\":\"heartbeat\"}"), "type");
        assertBadRequest(api.post("/api/v1/websocket/broadcast", "{\"type\":\"note\",\"data\":[1]}"), "data");
        assertThat(api.post("/api/v1/websocket/broadcast", "{\"type\":\"note\"}").body().path("data")
                .path("clients_count").asInt()).isZero();
    }

    @Test
    void answersAPlainHttpRequestToTheHubWith400() {
        awaitReady();
        Answer answer = api.get("/ws");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("success").asBoolean()).isFalse();
        assertThat(answer.body().path("error").asText()).contains("WebSocket");
    }

    /** Areas load in the background once the session is ready. */
    private static JsonNode awaitAreasLoaded(HubTestClient client) {
        JsonNode[] areas = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            client.send("get_areas", null, null);
            areas[0] = client.nextMessage("areas");
            return areas[0].path("data").path("areas").size() > 0;
        });
        return areas[0];
    }

    private static void assertError(JsonNode error, String code, String field) {
        assertThat(error.path("data").path("code").asText()).as("code of %s", error).isEqualTo(code);
        assertThat(error.path("data").path("error").asText()).isNotEmpty();
        if (field != null) {
            assertThat(error.path("data").path("field").asText()).isEqualTo(field);
        }
    }

    private static void assertBadRequest(Answer answer, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.body().path("success").asBoolean()).isFalse();
        assertThat(answer.body().path("field").asText()).isEqualTo(field);
    }
}
