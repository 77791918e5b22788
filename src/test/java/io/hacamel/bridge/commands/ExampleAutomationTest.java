package io.hacamel.bridge.commands;

import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** routes/example-automation.camel.yaml: the front door opens, so the hallway light goes on, once per opening. */
class ExampleAutomationTest extends ServiceCallTestSupport {

    @Override
    protected void serviceCallProperties(Properties properties) {
        properties.put("commands.example-automation", "true");
    }

    @Test
    void theFrontDoorOpeningTurnsTheHallwayLightOn() {
        awaitReady();
        simulator.home().setState("light.hallway", "off");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/v1/states/light.hallway").body().path("state").asText().equals("off"));

        simulator.home().setState("binary_sensor.front_door", "on");

        await().atMost(Duration.ofSeconds(10)).until(() -> state("light.hallway").equals("on"));
        assertThat(simulator.home().state("light.hallway").path("attributes").path("brightness").asInt())
                .isEqualTo(255);
        assertThat(simulator.stats().wsExecutions("light.turn_on")).isEqualTo(1);

        // staying open, closing and a light switched off by hand do not call anything
        ObjectNode attributes = simulator.home().state("binary_sensor.front_door").get("attributes").deepCopy();
        simulator.home().setState("binary_sensor.front_door", "on", attributes.put("note", "still open"));
        simulator.home().setState("binary_sensor.front_door", "off");
        simulator.home().setState("light.hallway", "off");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/v1/states/light.hallway").body().path("state").asText().equals("off"));
        simulator.home().setState("binary_sensor.front_door", "on");

        await().atMost(Duration.ofSeconds(10)).until(() -> state("light.hallway").equals("on"));
        assertThat(simulator.stats().wsExecutions("light.turn_on")).isEqualTo(2);
    }
}
