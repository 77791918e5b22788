package io.hacamel.bridge.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import io.hacamel.bridge.testing.ApiClient.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Home Assistant slow to answer: every result (and pong) comes late while events flow on. Calls answered within
 * commands.timeout succeed once each; a call answered later is reported as of unknown outcome and never sent again,
 * so it runs exactly once; the session is not torn down for slowness alone.
 */
class SlowHomeAssistantTest extends FaultTestSupport {

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("commands.timeout", "2s");
        properties.put("ha.pong-timeout", "5s");
    }

    @Test
    void slowAnswersRunEveryCallOnceAndTheSessionStays() {
        awaitReady();
        simulator.load().start(100);
        simulator.faults().delayResults(Duration.ofMillis(800));

        for (int i = 0; i < 3; i++) {
            Answer call = callService("input_boolean", "toggle", "{\"target\":{\"entity_id\":\"input_boolean.guest_mode\"}}");
            assertThat(call.status()).as(call.text()).isEqualTo(200);
        }
        simulator.faults().delayResults(Duration.ofSeconds(3));
        Answer late = callService("light", "toggle", "{\"target\":{\"entity_id\":\"light.hallway\"}}");
        assertThat(late.status()).as(late.text()).isEqualTo(504);
        assertThat(late.body().path("outcome").asText()).isEqualTo("unknown");
        // the late result arrives and nothing sends the call again
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8))
                .until(() -> simulator.stats().executions("light.toggle") == 1);

        simulator.load().stop();
        Instant cleared = Instant.now();
        simulator.faults().delayResults(Duration.ZERO);
        Duration recovery = awaitRecovery(cleared);

        assertThat(simulator.stats().executions("input_boolean.toggle")).isEqualTo(3);
        assertThat(metrics().value("habridge_ha_reconnects_total")).as("the session survived").isZero();
        long duplicates = (simulator.stats().executions("input_boolean.toggle") - 3)
                + (simulator.stats().executions("light.toggle") - 1);
        report("03-slow-ha", "Home Assistant slow to answer (results 0.8 s, then 3 s late; events on time)",
                "calls within commands.timeout answered 200; the late one answered 504 outcome unknown and not re-sent; "
                        + "session kept, no reconnect", recovery, duplicates);
    }
}
