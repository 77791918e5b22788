package io.hacamel.bridge.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MQTT broker goes away for a while under load and comes back empty (an in-memory broker forgets its retained
 * messages). Changes wait in a bounded queue (merged per entity beyond its capacity); the bridge reconnects within
 * its backoff and publishes every state again; the cache and the webhook never notice.
 */
class MqttBrokerDownTest extends FaultTestSupport {

    private static final int QUEUE_CAPACITY = 20;

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("mqtt.statestream.queue-capacity", String.valueOf(QUEUE_CAPACITY));
    }

    @Test
    void aBrokerOutageLosesNoFinalStateAndTheQueueStaysBounded() {
        awaitReady();
        simulator.load().start(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.accepted() > 100);

        broker.stop();
        AtomicLong deepest = new AtomicLong();
        long coalescedBefore = (long) metrics().value("habridge_mqtt_coalesced_total");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            deepest.accumulateAndGet((long) metrics().value("habridge_mqtt_queue_depth"), Math::max);
            return metrics().value("habridge_mqtt_coalesced_total") > coalescedBefore + 200;
        });
        simulator.load().stop();
        simulator.home().setState("switch.ev_charger", "on");

        Instant cleared = Instant.now();
        broker.startAgain();
        Duration recovery = awaitRecovery(cleared);

        // every entity has at most one change waiting once the queue is full, so the home's size bounds it too
        assertThat(deepest.get()).isLessThanOrEqualTo(Math.max(QUEUE_CAPACITY, simulator.home().size()));
        assertThat(metrics().value("habridge_mqtt_connection_losses_total")).isGreaterThanOrEqualTo(1);
        report("06-mqtt-down", "MQTT broker down under load (200 changes/s), back empty",
                "changes waited in the publish queue (deepest " + deepest.get() + ", capacity " + QUEUE_CAPACITY
                        + ", merged per entity beyond), reconnected with backoff, republished every state",
                recovery, 0);
    }
}
