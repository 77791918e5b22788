package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** call_service on the demo home: what the services do, responses, and the errors Home Assistant answers with. */
class ServiceCallTest extends SimulatorTestSupport {

    private HaSimulator simulator;
    private TestClient client;

    @BeforeEach
    void connect() {
        simulator = start(new SimulatorOptions().home(SimulatedHome.demo()));
        client = authenticated(simulator);
    }

    @Test
    void returnsTheServiceResponseWhenAsked() {
        ObjectNode call = call("weather", "get_forecasts", "weather.home").put("return_response", true);
        call.putObject("service_data").put("type", "hourly");

        JsonNode result = client.result(client.send(call)).path("result");

        assertThat(result.path("context").path("id").asText()).hasSize(26);
        JsonNode forecast = result.path("response").path("weather.home").path("forecast");
        assertThat(forecast).hasSize(5);
        assertThat(forecast.get(0).path("condition").asText()).isEqualTo("sunny");
    }

    @Test
    void countsEveryServiceCallThatArrivesWhetherItRanOrFailed() {
        client.result(client.send(call("light", "turn_on", "light.hallway")));
        client.result(client.send(call("light", "no_such_service", "light.hallway")));
        new RestClient(simulator.httpUrl()).post("/api/services/light/turn_off", "{\"entity_id\": \"light.hallway\"}");

        assertThat(simulator.stats().serviceCallsReceived()).isEqualTo(3);
        assertThat(simulator.stats().executions("light.turn_on") + simulator.stats().executions("light.turn_off"))
            .isEqualTo(2);
    }

    @Test
    void refusesAResponseRequestToAServiceWithoutResponses() {
        JsonNode error = client.result(client.send(call("light", "turn_on", "light.hallway")
            .put("return_response", true))).path("error");

        assertThat(error.toString()).isEqualTo("{\"code\":\"service_validation_error\",\"message\":\"Validation error: "
            + "An action which does not return responses can't be called with return_response=True\","
            + "\"translation_key\":\"service_does_not_support_response\","
            + "\"translation_placeholders\":{\"return_response\":\"return_response=True\"},"
            + "\"translation_domain\":\"homeassistant\"}");
        JsonNode lacking = client.result(client.send(call("weather", "get_forecasts", "weather.home"))).path("error");
        assertThat(lacking.path("translation_key").asText()).isEqualTo("service_lacks_response_request");
    }

    @Test
    void validatesServiceDataLikeTheIntegrations() {
        ObjectNode tooBright = call("light", "turn_on", "light.hallway");
        tooBright.putObject("service_data").put("brightness_pct", 300);
        ObjectNode unknownField = call("switch", "turn_on", "switch.coffee_machine");
        unknownField.putObject("service_data").put("speed", "fast");
        ObjectNode outOfRange = call("input_number", "set_value", "input_number.heating_setpoint");
        outOfRange.putObject("service_data").put("value", 40);
        ObjectNode missing = call("input_number", "set_value", "input_number.heating_setpoint");

        assertThat(errorOf(tooBright)).isEqualTo("invalid_format: value must be at most 100 for dictionary value "
            + "@ data['brightness_pct']");
        assertThat(errorOf(unknownField)).isEqualTo("invalid_format: extra keys not allowed @ data['speed']");
        assertThat(errorOf(outOfRange)).isEqualTo("invalid_format: Invalid value for input_number.heating_setpoint: "
            + "40.0 (range 15.0 - 25.0)");
        assertThat(errorOf(missing)).isEqualTo("invalid_format: required key not provided @ data['value']");
        assertThat(errorOf(call("light", "turn_on", "not an id")))
            .isEqualTo("invalid_format: Entity ID not an id is an invalid entity ID for dictionary value "
                + "@ data['target']['entity_id']. Got 'not an id'");
    }

    @Test
    void changesEntitiesOfEveryDomain() {
        ObjectNode position = call("cover", "set_cover_position", "cover.living_room_blinds");
        position.putObject("service_data").put("position", 40);
        ObjectNode temperature = call("climate", "set_temperature", "climate.living_room");
        temperature.putObject("service_data").put("temperature", 19.5);
        ObjectNode dim = call("light", "turn_on", "light.bedside_lamp");
        dim.putObject("service_data").put("brightness_pct", 50);

        send(call("lock", "unlock", "lock.front_door"));
        send(call("cover", "open_cover", "cover.garage_door"));
        send(position);
        send(temperature);
        send(dim);
        send(call("media_player", "media_pause", "media_player.living_room_tv"));
        send(call("fan", "toggle", "fan.kitchen_extractor"));

        assertThat(stateOf("lock.front_door")).isEqualTo("unlocked");
        assertThat(stateOf("cover.garage_door")).isEqualTo("open");
        assertThat(simulator.home().state("cover.living_room_blinds").path("attributes").path("current_position")
            .asInt()).isEqualTo(40);
        assertThat(simulator.home().state("climate.living_room").path("attributes").path("temperature").asDouble())
            .isEqualTo(19.5);
        JsonNode lamp = simulator.home().state("light.bedside_lamp");
        assertThat(lamp.path("state").asText()).isEqualTo("on");
        assertThat(lamp.path("attributes").path("brightness").asInt()).isEqualTo(128);
        assertThat(stateOf("media_player.living_room_tv")).isEqualTo("paused");
        assertThat(stateOf("fan.kitchen_extractor")).isEqualTo("on");
    }

    @Test
    void theGenericServicesCallEachDomainsOwn() {
        ObjectNode call = TestClient.command("call_service").put("domain", "homeassistant").put("service", "turn_off");
        call.putObject("target").putArray("entity_id").add("light.kitchen_spots").add("switch.living_room_tv_plug")
            .add("sensor.kitchen_temperature");

        send(call);

        assertThat(stateOf("light.kitchen_spots")).isEqualTo("off");
        assertThat(stateOf("switch.living_room_tv_plug")).isEqualTo("off");
        assertThat(simulator.stats().wsExecutions("homeassistant.turn_off")).isEqualTo(1);
        assertThat(simulator.stats().wsExecutions("light.turn_off")).isEqualTo(1);
        assertThat(simulator.stats().executions("switch.turn_off")).isEqualTo(1);
    }

    @Test
    void targetsAreasAndDevices() {
        ObjectNode kitchen = TestClient.command("call_service").put("domain", "light").put("service", "turn_off");
        kitchen.putObject("target").put("area_id", "kitchen");
        ObjectNode charger = TestClient.command("call_service").put("domain", "switch").put("service", "turn_on");
        charger.putObject("target").putArray("device_id").add("ev_charger");

        send(kitchen);
        send(charger);

        assertThat(stateOf("light.kitchen_spots")).isEqualTo("off");
        assertThat(stateOf("light.hallway")).isEqualTo("on");
        assertThat(stateOf("switch.ev_charger")).isEqualTo("on");
    }

    @Test
    void listsRegistriesAndReportsTheirChanges() {
        client.result(client.send("subscribe_events"));

        JsonNode areas = client.result(client.send("config/area_registry/list")).path("result");
        assertThat(areas.get(0).toString())
            .isEqualTo("{\"aliases\":[],\"area_id\":\"living_room\",\"name\":\"Living Room\",\"picture\":null}");
        JsonNode entities = client.result(client.send("config/entity_registry/list")).path("result");
        assertThat(entities).hasSize(simulator.home().size());
        assertThat(List.of(entities.get(0).fieldNames().next())).containsExactly("area_id");
        JsonNode devices = client.result(client.send("config/device_registry/list")).path("result");
        assertThat(devices).extracting(device -> device.path("id").asText()).contains("front_door_lock");

        simulator.home().addArea("attic", "Attic");
        simulator.home().assignArea("sensor.outdoor_temperature", "attic");
        simulator.home().removeArea("attic");

        assertThat(client.next().path("event").path("data").toString())
            .isEqualTo("{\"action\":\"create\",\"area_id\":\"attic\"}");
        assertThat(client.next().path("event").path("data").toString()).isEqualTo("{\"action\":\"update\","
            + "\"entity_id\":\"sensor.outdoor_temperature\",\"changes\":{\"area_id\":null}}");
        assertThat(client.next().path("event").path("data").toString()).isEqualTo("{\"action\":\"update\","
            + "\"entity_id\":\"sensor.outdoor_temperature\",\"changes\":{\"area_id\":\"attic\"}}");
        JsonNode removed = client.next().path("event");
        assertThat(removed.path("event_type").asText()).isEqualTo("area_registry_updated");
        assertThat(removed.path("data").path("action").asText()).isEqualTo("remove");
    }

    @Test
    void registersAndRemovesServices() {
        client.result(client.send(TestClient.command("subscribe_events").put("event_type", "service_registered")));

        simulator.home().registerService("camel", "ping");

        assertThat(client.next().path("event").path("data").toString())
            .isEqualTo("{\"domain\":\"camel\",\"service\":\"ping\"}");
        assertThat(client.result(client.send("get_services")).path("result").path("camel").path("ping").isObject())
            .isTrue();
        assertThat(client.result(client.send(TestClient.command("call_service").put("domain", "camel")
            .put("service", "ping"))).path("success").asBoolean()).isTrue();
        assertThat(simulator.home().removeService("camel", "ping")).isTrue();
        assertThat(errorOf(TestClient.command("call_service").put("domain", "camel").put("service", "ping")))
            .isEqualTo("not_found: Service not found.");
    }

    private static ObjectNode call(String domain, String service, String entityId) {
        ObjectNode call = TestClient.command("call_service").put("domain", domain).put("service", service);
        call.putObject("target").put("entity_id", entityId);
        return call;
    }

    private void send(ObjectNode call) {
        assertThat(client.result(client.send(call)).path("success").asBoolean()).as(call.toString()).isTrue();
    }

    private String errorOf(ObjectNode call) {
        JsonNode error = client.result(client.send(call)).path("error");
        return error.path("code").asText() + ": " + error.path("message").asText();
    }

    private String stateOf(String entityId) {
        return simulator.home().state(entityId).path("state").asText();
    }
}
