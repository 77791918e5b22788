package io.hacamel.bridge.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Home Assistant (or whatever sits in between) sends frames the bridge cannot use, in the middle of a stream:
 * truncated JSON, text that is no JSON, events of the wrong shape, and a frame above ha.max-frame-size. Each is
 * skipped, counted and logged; the oversized one costs the connection, which is re-opened and resynced.
 */
class MalformedFramesTest extends FaultTestSupport {

    private static final int MAX_FRAME = 1 << 20;

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("ha.max-frame-size", String.valueOf(MAX_FRAME));
    }

    private double total(String name) {
        return metrics().find(name).stream().mapToDouble(sample -> sample.value()).sum();
    }

    @Test
    void badFramesAreSkippedAndAnOversizedOneCostsOnlyAReconnect() {
        awaitReady();
        simulator.load().start(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.accepted() > 100);

        simulator.faults().sendMalformed();
        simulator.faults().sendRaw("this is not JSON {");
        simulator.faults().sendRaw("[1, 2");
        simulator.faults().sendRaw("{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\","
                + "\"data\":{\"entity_id\":42,\"new_state\":\"on\"}}}");
        simulator.faults().sendRaw("{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\","
                + "\"data\":{\"entity_id\":\"light.hallway\",\"new_state\":[1]}}}");
        simulator.faults().sendRaw("{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics().value("habridge_ha_frames_malformed_total")
                + total("habridge_events_malformed_total") >= 3);
        assertThat(metrics().value("habridge_ha_reconnects_total")).as("skipped, the connection stays").isZero();

        simulator.faults().sendOversized(MAX_FRAME * 2);
        simulator.load().stop();
        simulator.home().setState("light.bedside_lamp", "on");
        Instant cleared = Instant.now();
        Duration recovery = awaitRecovery(cleared);

        assertThat(metrics().value("habridge_ha_reconnects_total")).as("the oversized frame closed it").isEqualTo(1);
        report("04-malformed-frames", "Malformed, truncated and oversized frames mid-stream (200 changes/s)",
                "skipped and counted the bad frames without dropping the session; the 2 MiB frame (limit 1 MiB) closed "
                        + "it: reconnected and resynced", recovery, 0);
    }
}
