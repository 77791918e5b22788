package io.hacamel.bridge.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.hacamel.bridge.testing.ApiClient.Answer;
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

        // a call in flight when Home Assistant dies: it ran, its answer never comes
        simulator.faults().withholdNextResults(1, "call_service");
        CompletableFuture<Answer> inFlight = CompletableFuture.supplyAsync(() -> callService("switch", "turn_on",
                "{\"target\":{\"entity_id\":\"switch.ev_charger\"}}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().executions("switch.turn_on") == 1);

        simulator.faults().refuseConnections(true);
        simulator.load().stop();
        Answer lost = inFlight.join();
        assertThat(lost.status()).as(lost.text()).isEqualTo(504);
        assertThat(lost.body().path("outcome").asText()).isEqualTo("unknown");
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
        long duplicates = simulator.stats().executions("switch.turn_on") - 1;
        report("01-ha-restart", "Home Assistant killed mid-stream (200 changes/s), restarted with changed states",
                "noticed the drop, served cached states flagged stale, reconnected with backoff, resynced: changed, "
                        + "added and removed entities reached cache, MQTT and webhook; the call in flight was answered "
                        + "504 outcome unknown and not sent again",
                recovery, duplicates);
    }
}
