package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message handling rules of the websocket API beyond the recorded session. */
class ProtocolTest extends SimulatorTestSupport {

    @Test
    void rejectsIdsThatDoNotIncrease() {
        TestClient client = authenticated(start());
        client.sendText("{\"id\":5,\"type\":\"ping\"}");
        client.next();

        client.sendText("{\"id\":5,\"type\":\"ping\"}");

        assertThat(client.nextRaw()).isEqualTo("{\"id\":5,\"type\":\"result\",\"success\":false,"
            + "\"error\":{\"code\":\"id_reuse\",\"message\":\"Identifier values have to increase.\"}}");
    }

    @Test
    void anUnknownCommandDoesNotUseUpItsId() {
        TestClient client = authenticated(start());
        client.sendText("{\"id\":3,\"type\":\"nope\"}");
        assertThat(client.next().path("error").path("code").asText()).isEqualTo("unknown_command");

        client.sendText("{\"id\":3,\"type\":\"ping\"}");

        assertThat(client.next().path("type").asText()).isEqualTo("pong");
    }

    @Test
    void reportsMessagesWithoutAUsableIdOrType() {
        TestClient client = authenticated(start());

        client.sendText("{\"id\":\"seven\",\"type\":\"ping\"}");
        assertThat(client.nextRaw()).isEqualTo("{\"id\":\"seven\",\"type\":\"result\",\"success\":false,"
            + "\"error\":{\"code\":\"invalid_format\",\"message\":\"Message incorrectly formatted.\"}}");
        client.sendText("{\"type\":\"ping\"}");
        assertThat(client.next().path("id").isNull()).isTrue();
    }

    @Test
    void rejectsUnknownKeysLikeVoluptuous() {
        TestClient client = authenticated(start());

        client.send(TestClient.command("get_states").put("foo", "bar"));

        assertThat(client.next().path("error").path("message").asText())
            .isEqualTo("extra keys not allowed @ data['foo']. Got 'bar'");
        client.send(TestClient.command("call_service").put("domain", "light").put("service_data", "x"));
        assertThat(client.next().path("error").path("message").asText()).isEqualTo(
            "expected dict for dictionary value @ data['service_data']. Got 'x'\n"
                + "required key not provided @ data['service']. Got None");
    }

    @Test
    void unsubscribesOnceAndStopsTheEvents() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        int subscription = client.send(TestClient.command("subscribe_events").put("event_type", "state_changed"));
        client.result(subscription);

        int unsubscribe = client.send(TestClient.command("unsubscribe_events").put("subscription", subscription));
        assertThat(client.result(unsubscribe).path("success").asBoolean()).isTrue();
        simulator.home().setState("input_boolean.camel_test", "on");
        int again = client.send(TestClient.command("unsubscribe_events").put("subscription", subscription));

        assertThat(client.next().toString()).isEqualTo("{\"id\":" + again + ",\"type\":\"result\",\"success\":false,"
            + "\"error\":{\"code\":\"not_found\",\"message\":\"Subscription not found.\"}}");
    }

    @Test
    void aSubscriptionWithoutEventTypeGetsEveryEvent() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        int subscription = client.send("subscribe_events");
        client.result(subscription);
        ObjectNode toggle = TestClient.command("call_service").put("domain", "switch").put("service", "toggle");
        toggle.putObject("target").put("entity_id", "switch.camel_switch");

        List<JsonNode> frames = client.untilResult(client.send(toggle));

        assertThat(frames).extracting(frame -> frame.path("event").path("event_type").asText())
            .containsExactly("call_service", "state_changed", "");
        assertThat(frames.get(0).path("event").path("data").toString()).isEqualTo("{\"domain\":\"switch\","
            + "\"service\":\"toggle\",\"service_data\":{\"entity_id\":\"switch.camel_switch\"}}");
    }

    @Test
    void coalescesQueuedMessagesIntoArrayFramesOnceNegotiated() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        ObjectNode features = TestClient.command("supported_features");
        features.putObject("features").put("coalesce_messages", 1);
        int negotiated = client.send(features);
        assertThat(client.next().toString())
            .isEqualTo("{\"id\":" + negotiated + ",\"type\":\"result\",\"success\":true,\"result\":null}");
        int subscription = client.send(TestClient.command("subscribe_events").put("event_type", "state_changed"));
        client.next();
        ObjectNode toggle = TestClient.command("call_service").put("domain", "input_boolean").put("service", "toggle");
        toggle.putObject("target").put("entity_id", "input_boolean.camel_test");

        int call = client.send(toggle);

        JsonNode frame = client.next();
        assertThat(frame.isArray()).isTrue();
        assertThat(frame).hasSize(3);
        assertThat(frame.get(0).path("id").asInt()).isEqualTo(subscription);
        assertThat(frame.get(1).path("event").path("data").path("entity_id").asText())
            .isEqualTo("switch.camel_switch");
        assertThat(frame.get(2).path("id").asInt()).isEqualTo(call);
    }

    @Test
    void acceptsCommandsSentAsAnArray() {
        TestClient client = authenticated(start());

        client.sendText("[{\"id\":1,\"type\":\"ping\"},{\"id\":2,\"type\":\"ping\"}]");

        assertThat(client.next().path("id").asInt()).isEqualTo(1);
        assertThat(client.next().path("id").asInt()).isEqualTo(2);
    }

    @Test
    void firesCustomEvents() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        client.result(client.send(TestClient.command("subscribe_events").put("event_type", "camel_event")));
        ObjectNode fire = TestClient.command("fire_event").put("event_type", "camel_event");
        fire.putObject("event_data").put("answer", 42);

        List<JsonNode> frames = client.untilResult(client.send(fire));

        assertThat(frames.get(0).path("event").path("data").path("answer").asInt()).isEqualTo(42);
        assertThat(frames.get(0).path("event").path("origin").asText()).isEqualTo("LOCAL");
        assertThat(frames.get(1).path("result").path("context").path("user_id").asText())
            .isEqualTo(HaContext.OWNER_USER_ID);
    }

    @Test
    void keepsClientsThatAnswerTheHeartbeat() {
        HaSimulator simulator = start(new SimulatorOptions().heartbeat(Duration.ofMillis(200)));
        TestClient client = authenticated(simulator);

        client.assertNoMessage(Duration.ofMillis(700));

        assertThat(client.isClosed()).isFalse();
        assertThat(simulator.stats().connectedClients()).isEqualTo(1);
    }

    @Test
    void dropsClientsThatDoNotAnswerTheHeartbeat() throws Exception {
        HaSimulator simulator = start(new SimulatorOptions().heartbeat(Duration.ofMillis(200)));

        try (RawWebSocket raw = RawWebSocket.connect(simulator.port())) {
            assertThat(raw.nextOpcode()).isEqualTo(RawWebSocket.TEXT);
            assertThat(raw.nextOpcode()).isEqualTo(RawWebSocket.PING);
            assertThat(raw.nextOpcode()).isEqualTo(RawWebSocket.EOF);
        }
        assertThat(simulator.stats().totalConnections()).isEqualTo(1);
    }
}
