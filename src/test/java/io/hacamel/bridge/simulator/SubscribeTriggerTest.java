package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** subscribe_trigger with the state and event platforms, as Home Assistant 2023.6 forwards triggers. */
class SubscribeTriggerTest extends SimulatorTestSupport {

    private static final String CAMEL_TEST = "input_boolean.camel_test";

    @Test
    void firesOnceTheStateHeldForThePeriod() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        ObjectNode trigger = stateTrigger(CAMEL_TEST).put("to", "on").put("for", 2);
        int subscription = subscribe(client, trigger);

        long changed = System.nanoTime();
        simulator.home().setState(CAMEL_TEST, "on");
        JsonNode event = client.next();

        assertThat(System.nanoTime() - changed).isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(event.path("id").asInt()).isEqualTo(subscription);
        JsonNode fired = event.at("/event/variables/trigger");
        assertThat(fired.path("for").toString())
            .isEqualTo("{\"__type\":\"<class 'datetime.timedelta'>\",\"total_seconds\":2.0}");
        assertThat(fired.at("/from_state/state").asText()).isEqualTo("off");
        assertThat(fired.at("/to_state/state").asText()).isEqualTo("on");
        assertThat(event.at("/event/context")).isEqualTo(fired.at("/to_state/context"));
        assertNextIsPong(client);
    }

    @Test
    void aChangeBackBeforeThePeriodEndsCancelsTheWait() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        subscribe(client, stateTrigger(CAMEL_TEST).put("to", "on").put("for", "00:00:01"));

        for (String service : List.of("turn_on", "turn_off", "turn_on")) {
            assertThat(client.untilResult(client.send(call(service)))).as(service).hasSize(1);
        }
        String lastChange = simulator.home().state(CAMEL_TEST).path("last_changed").asText();
        JsonNode event = client.next();

        assertThat(event.at("/event/variables/trigger/to_state/last_changed").asText()).isEqualTo(lastChange);
        assertNextIsPong(client);
    }

    @Test
    void firesAtOnceWithoutAPeriodBeforeTheCallsResult() {
        TestClient client = authenticated(start());
        int subscription = subscribe(client, stateTrigger(CAMEL_TEST + ", switch.camel_switch").put("to", "on"));

        List<JsonNode> frames = client.untilResult(client.send(call("toggle")));

        assertThat(frames).hasSize(3);
        assertThat(frames.subList(0, 2)).extracting(frame -> frame.at("/event/variables/trigger/entity_id").asText())
            .containsExactly(CAMEL_TEST, "switch.camel_switch");
        JsonNode fired = frames.get(0).at("/event/variables/trigger");
        assertThat(frames.get(0).path("id").asInt()).isEqualTo(subscription);
        assertThat(fired.path("for").isNull()).isTrue();
        assertThat(fired.path("description").asText()).isEqualTo("state of " + CAMEL_TEST);
        assertThat(frames.get(0).at("/event/context")).isEqualTo(frames.get(2).at("/result/context"));
    }

    @Test
    void aZeroPeriodFiresAtOnceAndSaysSo() {
        TestClient client = authenticated(start());
        subscribe(client, stateTrigger(CAMEL_TEST).put("for", 0));

        JsonNode event = client.untilResult(client.send(call("turn_on"))).get(0);

        assertThat(event.at("/event/variables/trigger/for").toString())
            .isEqualTo("{\"__type\":\"<class 'datetime.timedelta'>\",\"total_seconds\":0.0}");
    }

    @Test
    void watchesAnAttributeAndIgnoresOtherChanges() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        subscribe(client, stateTrigger("input_number.camel_level").put("attribute", "max").put("to", 200));
        ObjectNode attributes = (ObjectNode) simulator.home().state("input_number.camel_level").get("attributes");

        simulator.home().setState("input_number.camel_level", "60.0");
        simulator.home().setState("input_number.camel_level", "60.0", attributes.deepCopy().put("max", 150));
        assertNextIsPong(client);
        simulator.home().setState("input_number.camel_level", "60.0", attributes.deepCopy().put("max", 200.0));
        JsonNode fired = client.next().at("/event/variables/trigger");

        assertThat(fired.path("attribute").asText()).isEqualTo("max");
        assertThat(fired.at("/to_state/attributes/max").asDouble()).isEqualTo(200.0);
    }

    @Test
    void unsubscribeEndsTheTrigger() {
        HaSimulator simulator = start();
        TestClient client = authenticated(simulator);
        int subscription = subscribe(client, stateTrigger(CAMEL_TEST));
        int unsubscribe = client.send(TestClient.command("unsubscribe_events").put("subscription", subscription));
        assertThat(client.result(unsubscribe).path("success").asBoolean()).isTrue();

        simulator.home().setState(CAMEL_TEST, "on");

        assertNextIsPong(client);
    }

    @Test
    void closingTheConnectionDetachesItsTriggersAndTemplates() {
        HaSimulator simulator = start();
        int before = simulator.home().listenerCount();
        TestClient client = authenticated(simulator);
        subscribe(client, stateTrigger(CAMEL_TEST).put("for", 60));
        int template = client.send(TestClient.command("render_template").put("template", "{{ states('x.y') }}"));
        client.result(template);
        simulator.home().setState(CAMEL_TEST, "on");
        assertThat(simulator.home().listenerCount()).isEqualTo(before + 2);

        client.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.home().listenerCount() == before);
    }

    @Test
    void firesOnEventsWhoseDataMatches() {
        TestClient client = authenticated(start());
        ObjectNode trigger = Json.object().put("platform", "event")
            .put("event_type", "camel_custom").put("id", "door").put("alias", "Front door");
        trigger.putObject("event_data").put("door", "front");
        int subscription = subscribe(client, trigger);

        assertThat(client.untilResult(client.send(fire("back")))).hasSize(1);
        List<JsonNode> frames = client.untilResult(client.send(fire("front")));

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).path("id").asInt()).isEqualTo(subscription);
        JsonNode fired = frames.get(0).at("/event/variables/trigger");
        assertThat(fired.path("id").asText()).isEqualTo("door");
        assertThat(fired.path("alias").asText()).isEqualTo("Front door");
        assertThat(fired.path("description").asText()).isEqualTo("event 'camel_custom'");
        assertThat(fired.at("/event/data").toString()).isEqualTo("{\"door\":\"front\",\"n\":1}");
        assertThat(fired.at("/event/origin").asText()).isEqualTo("LOCAL");
        assertThat(fired.at("/event/context")).isEqualTo(frames.get(1).at("/result/context"));
    }

    @Test
    void rendersItsVariablesAndATemplatedPeriodWithTheTriggerInScope() {
        TestClient client = authenticated(start());
        ObjectNode trigger = stateTrigger(CAMEL_TEST).put("for", "{{ trigger.to_state.attributes.editable | int }}");
        trigger.putObject("variables").put("level", "{{ states('input_number.camel_level') | float }}")
            .put("now_on", "{{ trigger.to_state.state }}").put("plain", 5);
        subscribe(client, trigger);

        client.result(client.send(call("turn_on")));
        JsonNode variables = client.next().at("/event/variables");

        assertThat(variables.at("/trigger/for/total_seconds").asDouble()).isZero();
        assertThat(variables.path("level").toString()).isEqualTo("50.0");
        assertThat(variables.path("now_on").asText()).isEqualTo("on");
        assertThat(variables.path("plain").asInt()).isEqualTo(5);
    }

    @Test
    void writesItsEventsAsciiOnlyLikePythonsJson() {
        HaSimulator simulator = start();
        simulator.home().setState(CAMEL_TEST, "off", Json.object().put("friendly_name", "Küche ☕"));
        TestClient client = authenticated(simulator);
        subscribe(client, stateTrigger(CAMEL_TEST));

        simulator.home().setState(CAMEL_TEST, "on");
        String frame = client.nextRaw();

        assertThat(frame).contains("\"friendly_name\":\"K\\u00fcche \\u2615\"").doesNotContain("Küche");
    }

    @Test
    void namesEntitiesByTheirRegistryId() {
        HaSimulator simulator = start();
        simulator.home().addEntity("binary_sensor.front_door", "off", null);
        TestClient client = authenticated(simulator);
        String registryId = "";
        for (JsonNode entry : client.result(client.send("config/entity_registry/list")).path("result")) {
            if (entry.path("entity_id").asText().equals("binary_sensor.front_door")) {
                registryId = entry.path("id").asText();
            }
        }
        subscribe(client, stateTrigger(registryId));

        simulator.home().setState("binary_sensor.front_door", "on");

        assertThat(client.next().at("/event/variables/trigger/entity_id").asText())
            .isEqualTo("binary_sensor.front_door");
    }

    static ObjectNode stateTrigger(String entityId) {
        return Json.object().put("platform", "state").put("entity_id", entityId);
    }

    /** Subscribes and returns the subscription's id once the result said success. */
    static int subscribe(TestClient client, JsonNode trigger) {
        ObjectNode message = TestClient.command("subscribe_trigger");
        message.set("trigger", trigger);
        int id = client.send(message);
        assertThat(client.result(id).path("success").asBoolean()).as("subscribed").isTrue();
        return id;
    }

    private static ObjectNode call(String service) {
        ObjectNode call = TestClient.command("call_service").put("domain", "input_boolean").put("service", service);
        call.putObject("target").put("entity_id", CAMEL_TEST);
        return call;
    }

    private static ObjectNode fire(String door) {
        ObjectNode fire = TestClient.command("fire_event").put("event_type", "camel_custom");
        fire.putObject("event_data").put("door", door).put("n", 1);
        return fire;
    }

    /** Nothing was sent meanwhile: a ping's pong is the next message. */
    static void assertNextIsPong(TestClient client) {
        int ping = client.send("ping");
        assertThat(client.next().toString()).isEqualTo("{\"id\":" + ping + ",\"type\":\"pong\"}");
    }
}
