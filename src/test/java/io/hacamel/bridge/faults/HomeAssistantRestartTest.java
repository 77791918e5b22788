package io.hacamel.bridge.faults;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Home Assistant killed in the middle of a stream of changes (port closed, connections dropped) and started again
 * with states that changed while it was down, an entity added and one removed: nobody was connected to hear those.
 * The bridge must notice, reconnect within its backoff, resync, and hand every consumer the new truth.
 */
class HomeAssistantRestartTest extends FaultTestSupport {

    @Test
    void killedMidStreamAndRestartedWithChangedStates() {
        awaitReady();
        simulator.load().start(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.accepted() > 100);

        simulator.faults().refuseConnections(true);
        simulator.load().stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ready());
        simulator.home().setState("light.hallway", "on");
        simulator.home().setState("lock.front_door", "unlocked");
        simulator.home().addEntity("sensor.installed_while_down", "42", null);
        simulator.home().removeEntity("switch.coffee_machine");
        assertThat(api.get("/api/v1/states/light.hallway").body().path("stale").asBoolean())
                .as("served from the cache, flagged stale").isTrue();

        Instant cleared = Instant.now();
        simulator.faults().refuseConnections(false);
        Duration recovery = awaitRecovery(cleared);

        assertThat(metrics().value("habridge_ha_resyncs_total")).isGreaterThanOrEqualTo(2);
        report("01-ha-restart", "Home Assistant killed mid-stream (200 changes/s), restarted with changed states",
                "noticed the drop, served cached states flagged stale, reconnected with backoff, resynced: changed, "
                        + "added and removed entities reached cache, MQTT and webhook",
                recovery, 0);
    }
}
