package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RestartTest extends SimulatorTestSupport {

    @Test
    void restartsOnTheSamePortWithTheChangesMadeWhileDown() {
        HaSimulator simulator = start(new SimulatorOptions().recordFrames(true));
        TestClient before = authenticated(simulator);
        before.result(before.send(TestClient.command("subscribe_events").put("event_type", "state_changed")));
        int port = simulator.port();

        simulator.restart(home -> {
            home.setState("input_boolean.camel_test", "on");
            home.removeEntity("input_number.camel_level");
        });

        assertThat(simulator.stats().connectedClients()).isZero();
        assertThat(simulator.port()).isEqualTo(port);
        TestClient after = authenticated(simulator);
        int getStates = after.send("get_states");
        JsonNode states = after.result(getStates).path("result");
        assertThat(states).extracting(state -> state.path("entity_id").asText())
            .doesNotContain("input_number.camel_level");
        assertThat(states).filteredOn(state -> state.path("entity_id").asText().equals("input_boolean.camel_test"))
            .singleElement().satisfies(state -> assertThat(state.path("state").asText()).isEqualTo("on"));
        assertThat(simulator.stats().totalConnections()).isEqualTo(2);
        assertThat(simulator.recorder().nextInbound("auth", TestClient.WAIT).connection()).isEqualTo(1);
    }
}
