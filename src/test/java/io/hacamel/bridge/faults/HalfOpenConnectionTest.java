package io.hacamel.bridge.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A half-open connection: TCP stays up, Home Assistant reads but answers nothing, not even pongs, and the events of
 * that time are lost on the wire. Only the heartbeat can tell; the bridge must drop the dead connection, keep
 * trying while new connections are just as silent, and resync once Home Assistant answers again.
 */
class HalfOpenConnectionTest extends FaultTestSupport {

    @Test
    void aSilentConnectionIsNoticedByTheHeartbeatAndReplaced() {
        awaitReady();
        simulator.load().start(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.accepted() > 100);

        Instant silent = Instant.now();
        simulator.faults().goSilent(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> !ready());
        Duration noticed = Duration.between(silent, Instant.now());
        simulator.load().stop();
        simulator.home().setState("light.kitchen_spots", "on");
        simulator.home().setState("cover.garage_door", "open");

        Instant cleared = Instant.now();
        simulator.faults().goSilent(false);
        Duration recovery = awaitRecovery(cleared);

        assertThat(metrics().value("habridge_ha_pongs_missed_total")).isGreaterThanOrEqualTo(1);
        report("02-half-open", "Connection half-open: no answers, no pongs, events lost on the wire",
                String.format(Locale.ROOT, "heartbeat noticed it in %.1f s (ping 1 s, pong timeout 2 s), closed it, "
                        + "retried silent handshakes with backoff, resynced the lost changes", noticed.toMillis() / 1000.0),
                recovery, 0);
    }
}
