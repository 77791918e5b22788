package io.hacamel.bridge.faults;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook target fails: it answers 500 for a while, or it takes requests and never answers. Deliveries are
 * retried with backoff (the suite's retries outlast the outage, so nothing becomes a dead letter), waiting changes
 * merge per entity in a bounded queue, Home Assistant's session is never slowed, and once the target answers again
 * it gets every entity's final state.
 */
class WebhookFailuresTest extends FaultTestSupport {

    private static final int QUEUE_CAPACITY = 20;

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("webhooks.queue-capacity", String.valueOf(QUEUE_CAPACITY));
    }

    @Test
    void aTargetAnswering500IsRetriedUntilItTakesEveryFinalState() {
        awaitReady();
        simulator.load().start(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.accepted() > 100);

        sink.answer(500);
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics().value("habridge_webhook_retries_total",
                "target", "sink") >= 4);
        simulator.load().stop();
        simulator.home().setState("lock.garage_side_door", "unlocked");

        Instant cleared = Instant.now();
        sink.answer(200);
        Duration recovery = awaitRecovery(cleared);

        assertThat(metrics().value("habridge_webhook_dead_letters_stored")).isZero();
        assertThat(metrics().value("habridge_ha_reconnects_total")).as("Home Assistant's session untouched").isZero();
        report("07-webhook-500", "Webhook target answering 500 under load (200 changes/s)",
                "retried with backoff (cap 2 s), changes merged per entity while waiting, no dead letter; the final "
                        + "states were delivered once the target recovered",
                recovery, 0);
    }

    @Test
    void aHangingTargetHoldsNoMoreThanItsQueueAndGetsEveryFinalState() {
        awaitReady();
        long heapBefore = heapAfterGc();
        sink.stall();
        simulator.load().start(500);

        AtomicLong deepestWebhook = new AtomicLong();
        AtomicLong deepestEvents = new AtomicLong();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            deepestWebhook.accumulateAndGet((long) metrics().value("habridge_webhook_queue_depth", "target", "sink"),
                    Math::max);
            deepestEvents.accumulateAndGet((long) metrics().value("habridge_events_queue_depth"), Math::max);
            return metrics().value("habridge_webhook_coalesced_total", "target", "sink") > 2_000;
        });
        simulator.load().stop();
        long heapGrowth = heapAfterGc() - heapBefore;

        Instant cleared = Instant.now();
        sink.release();
        sink.answer(200);
        Duration recovery = awaitRecovery(cleared);

        // once the queue is full every entity has at most one delivery waiting
        assertThat(deepestWebhook.get()).isLessThanOrEqualTo(Math.max(QUEUE_CAPACITY, simulator.home().size()));
        assertThat(deepestEvents.get()).as("the session's event queue").isLessThanOrEqualTo(10_000);
        assertThat(metrics().value("habridge_webhook_dead_letters_stored")).isZero();
        report("08-webhook-hanging", "Webhook target hanging (takes requests, never answers) under 500 changes/s",
                "each attempt timed out after 1 s and was retried; the waiting deliveries stayed bounded (deepest "
                        + deepestWebhook.get() + ", capacity " + QUEUE_CAPACITY + ", merged per entity beyond), the "
                        + "event queue's deepest " + deepestEvents.get() + ", heap after GC "
                        + String.format("%+d", heapGrowth / (1024 * 1024)) + " MB over 2,000+ merged changes",
                recovery, 0);
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
