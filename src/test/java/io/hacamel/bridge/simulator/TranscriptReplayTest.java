package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replays the recorded session's commands and compares the simulator's answers with Home Assistant's. */
class TranscriptReplayTest extends SimulatorTestSupport {

    private TestClient client;

    @BeforeEach
    void connect() {
        client = authenticated(start());
    }

    @Test
    void answersLikeTheRecordedSession() {
        int subscribe = client.send(TestClient.command("subscribe_events").put("event_type", "state_changed"));
        assertThat(client.nextRaw()).isEqualTo(Transcript.raw(9).replace("\"id\":1", "\"id\":" + subscribe));

        int ping = client.send("ping");
        assertThat(client.next().toString()).isEqualTo("{\"id\":" + ping + ",\"type\":\"pong\"}");

        client.send("get_states");
        assertThat(client.nextRaw()).isEqualTo(Transcript.raw(13));
        client.send("get_config");
        assertThat(client.nextRaw()).isEqualTo(Transcript.raw(15));
        client.send("get_services");
        assertThat(client.nextRaw()).isEqualTo(Transcript.raw(17));
    }

    @Test
    void sendsTheEventsOfACallBeforeItsResult() {
        int subscription = client.send(TestClient.command("subscribe_events").put("event_type", "state_changed"));
        client.result(subscription);
        ObjectNode toggle = TestClient.command("call_service").put("domain", "input_boolean").put("service", "toggle");
        toggle.putObject("target").put("entity_id", "input_boolean.camel_test");

        int call = client.send(toggle);

        List<JsonNode> frames = client.untilResult(call);
        assertThat(frames).hasSize(3);
        assertStateChanged(frames.get(0), subscription, "input_boolean.camel_test", "off", "on");
        assertStateChanged(frames.get(1), subscription, "switch.camel_switch", "off", "on");
        JsonNode context = frames.get(2).path("result").path("context");
        assertThat(context.path("id").asText()).hasSize(26);
        assertThat(context.path("user_id").asText()).isEqualTo(HaContext.OWNER_USER_ID);
        assertThat(frames.get(0).path("event").path("context")).isEqualTo(context);
        assertThat(frames.get(1).path("event").path("data").path("new_state").path("context")).isEqualTo(context);
    }

    @Test
    void turnsTheTemplateLampOnThroughItsHelpers() {
        int subscription = client.send(TestClient.command("subscribe_events").put("event_type", "state_changed"));
        client.result(subscription);
        ObjectNode turnOn = TestClient.command("call_service").put("domain", "light").put("service", "turn_on");
        turnOn.putObject("service_data").put("brightness", 60);
        turnOn.putObject("target").put("entity_id", "light.camel_lamp");

        List<JsonNode> frames = client.untilResult(client.send(turnOn));

        assertThat(frames).hasSize(4);
        assertStateChanged(frames.get(0), subscription, "input_number.camel_lamp_brightness", "128.0", "60.0");
        assertStateChanged(frames.get(1), subscription, "input_boolean.camel_lamp_state", "off", "on");
        assertStateChanged(frames.get(2), subscription, "light.camel_lamp", "off", "on");
        JsonNode lamp = frames.get(2).path("event").path("data").path("new_state").path("attributes");
        JsonNode recorded = TestClient.parse(Transcript.raw(25)).path("event").path("data").path("new_state")
            .path("attributes");
        assertThat(lamp.toString()).isEqualTo(recorded.toString());
        assertThat(frames.get(3).path("success").asBoolean()).isTrue();
    }

    @Test
    void keepsTheRecordedEventShape() {
        int subscription = client.send(TestClient.command("subscribe_events").put("event_type", "state_changed"));
        client.result(subscription);
        ObjectNode toggle = TestClient.command("call_service").put("domain", "input_boolean").put("service", "toggle");
        toggle.putObject("target").put("entity_id", "input_boolean.camel_test");

        JsonNode event = client.untilResult(client.send(toggle)).get(0);
        JsonNode recorded = TestClient.parse(Transcript.raw(19));

        assertThat(fieldNames(event)).isEqualTo(fieldNames(recorded));
        assertThat(fieldNames(event.path("event"))).isEqualTo(fieldNames(recorded.path("event")));
        assertThat(event.path("event").path("data").path("old_state"))
            .isEqualTo(recorded.path("event").path("data").path("old_state"));
        assertThat(event.path("event").path("origin").asText()).isEqualTo("LOCAL");
        assertThat(event.path("event").path("time_fired").asText())
            .isEqualTo(event.path("event").path("data").path("new_state").path("last_updated").asText())
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00");
    }

    @Test
    void answersErrorsWithHomeAssistantsCodesAndMessages() {
        client.send("subscribe_events");
        client.next();
        client.send("no_such_command");
        assertThat(client.next().path("error").toString())
            .isEqualTo(TestClient.parse(Transcript.raw(28)).path("error").toString());

        client.send(TestClient.command("call_service").put("domain", "input_boolean").put("service", "does_not_exist"));
        assertThat(client.next().path("error").toString())
            .isEqualTo(TestClient.parse(Transcript.raw(30)).path("error").toString());

        client.send(TestClient.command("subscribe_events").put("event_type", 42));
        assertThat(client.next().path("error").toString())
            .isEqualTo(TestClient.parse(Transcript.raw(32)).path("error").toString());
    }

    private static void assertStateChanged(JsonNode frame, int subscription, String entityId, String from,
                                           String to) {
        assertThat(frame.path("id").asInt()).isEqualTo(subscription);
        assertThat(frame.path("type").asText()).isEqualTo("event");
        JsonNode data = frame.path("event").path("data");
        assertThat(frame.path("event").path("event_type").asText()).isEqualTo("state_changed");
        assertThat(data.path("entity_id").asText()).isEqualTo(entityId);
        assertThat(data.path("old_state").path("state").asText()).isEqualTo(from);
        assertThat(data.path("new_state").path("state").asText()).isEqualTo(to);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
