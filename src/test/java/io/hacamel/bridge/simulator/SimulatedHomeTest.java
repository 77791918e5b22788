package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The home on its own: Home Assistant's state machine rules and the events they fire. */
class SimulatedHomeTest {

    private final List<JsonNode> events = new ArrayList<>();

    private SimulatedHome listenedTo(SimulatedHome home) {
        home.listen(event -> events.add(TestClient.parse(event.json())), () -> { });
        return home;
    }

    @Test
    void changesLastChangedOnlyWhenTheStateChanges() {
        SimulatedHome home = listenedTo(SimulatedHome.transcript());
        ObjectNode before = home.state("input_number.camel_level");
        ObjectNode attributes = ((ObjectNode) before.path("attributes")).deepCopy().put("icon", "mdi:camel");

        assertThat(home.setState("input_number.camel_level", "50.0", attributes)).isTrue();

        ObjectNode after = home.state("input_number.camel_level");
        assertThat(after.path("last_changed")).isEqualTo(before.path("last_changed"));
        assertThat(after.path("last_updated")).isNotEqualTo(before.path("last_updated"));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("data").path("old_state")).isEqualTo(before);
        assertThat(events.get(0).path("data").path("new_state")).isEqualTo(after);
    }

    @Test
    void firesNothingForAnIdenticalWrite() {
        SimulatedHome home = listenedTo(SimulatedHome.transcript());
        ObjectNode current = home.state("switch.camel_switch");

        assertThat(home.setState("switch.camel_switch", "off", (ObjectNode) current.path("attributes"))).isFalse();
        assertThat(home.setState("switch.camel_switch", "off")).isFalse();

        assertThat(events).isEmpty();
    }

    @Test
    void addsAndRemovesEntitiesWithRegistryEvents() {
        SimulatedHome home = listenedTo(SimulatedHome.transcript());

        home.addEntity("sensor.camel_humps", "2", Attributes.of("friendly_name", "Humps"));
        home.removeEntity("sensor.camel_humps");

        assertThat(events).extracting(event -> event.path("event_type").asText()).containsExactly(
            "entity_registry_updated", "state_changed", "state_changed", "entity_registry_updated");
        assertThat(events.get(1).path("data").path("old_state").isNull()).isTrue();
        assertThat(events.get(2).path("data").path("new_state").isNull()).isTrue();
        assertThat(events.get(3).path("data").toString())
            .isEqualTo("{\"action\":\"remove\",\"entity_id\":\"sensor.camel_humps\"}");
        assertThat(home.state("sensor.camel_humps")).isNull();
        assertThatThrownBy(() -> home.addEntity("Not An Id", "1", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void makesStatesLikeHomeAssistant() {
        SimulatedHome home = SimulatedHome.transcript();

        home.setState("input_boolean.camel_test", "on");

        JsonNode state = home.state("input_boolean.camel_test");
        assertThat(state.path("last_changed").asText())
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00");
        assertThat(state.path("context").path("id").asText()).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(state.path("context").path("user_id").isNull()).isTrue();
        assertThat(home.state("switch.camel_switch").path("state").asText()).isEqualTo("on");
        assertThat(home.state("switch.camel_switch").path("context")).isEqualTo(state.path("context"));
    }

    @Test
    void buildsADemoHomeWithAreasAndManyDomains() {
        SimulatedHome home = SimulatedHome.demo();

        assertThat(home.size()).isBetween(30, 60);
        assertThat(home.areaIds()).contains("living_room", "kitchen", "bedroom", "garage");
        assertThat(home.entityIds()).extracting(EntityState::domainOf).contains("light", "switch", "sensor",
            "binary_sensor", "climate", "cover", "lock", "media_player", "input_boolean", "input_number", "person",
            "sun", "weather");
        assertThat(home.state("sensor.living_room_temperature").path("attributes").path("unit_of_measurement")
            .asText()).isEqualTo("°C");
    }

    @Test
    void formatsTimesLikePython() {
        assertThat(HaTime.format(java.time.Instant.parse("2026-11-21T21:38:39.005113Z")))
            .isEqualTo("2026-11-21T21:38:39.005113+00:00");
        assertThat(HaTime.format(java.time.Instant.parse("2026-11-21T21:38:39Z")))
            .isEqualTo("2026-11-21T21:38:39+00:00");
    }
}
