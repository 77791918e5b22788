package io.hacamel.bridge.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import io.hacamel.bridge.mqtt.MqttConnection;
import io.hacamel.bridge.mqtt.RetainedScan;
import org.apache.camel.CamelContext;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retained topics under the base topic that no published entity owns: left by entities removed, or newly excluded by
 * a filter, while the bridge was away (what it published is known only while it runs), and by attributes or
 * timestamps an entity no longer publishes. After every connect to the broker it learns what the broker retains
 * ({@link RetainedScan}, in the background); once Home Assistant's first resync has been through the routes, it puts a
 * {@link StateUpdate#SWEEP} in the publishing queue, behind every change of that resync, and the sweep clears the
 * topics no entity owns then.
 */
final class StaleTopics {

    private static final Logger LOG = LoggerFactory.getLogger(StaleTopics.class);
    private static final byte[] CLEARED = new byte[0];
    private static final long SYNC_POLL_MILLIS = 1_000;

    private final CamelContext camelContext;
    private final MqttConnection connection;
    private final Statestream layout;
    private final BooleanSupplier homeAssistantSynced;
    private final Consumer<StateUpdate> queue;
    /** What the last scan found, until a sweep takes it. */
    private final AtomicReference<Set<String>> found = new AtomicReference<>();
    private final LongAdder cleared = new LongAdder();
    private volatile ScheduledExecutorService scanThread;
    /** Whether a check for Home Assistant's resync is scheduled; used on the scan thread only. */
    private boolean waitingForSync;

    /**
     * @param homeAssistantSynced true once a resync with Home Assistant has been through the routes, so that every
     *                            tracked entity's state is in the queue ahead of anything offered after
     * @param queue offers a marker to the publishing queue
     */
    StaleTopics(CamelContext camelContext, MqttConnection connection, Statestream layout,
            BooleanSupplier homeAssistantSynced, Consumer<StateUpdate> queue) {
        this.camelContext = camelContext;
        this.connection = connection;
        this.layout = layout;
        this.homeAssistantSynced = homeAssistantSynced;
        this.queue = queue;
    }

    void start() {
        scanThread = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "MqttRetainedScan");
    }

    void stop() {
        ScheduledExecutorService thread = scanThread;
        scanThread = null;
        if (thread != null) {
            camelContext.getExecutorServiceManager().shutdownNow(thread);
        }
    }

    /** After a connect to the broker: learns in the background what it retains. */
    void connected() {
        ScheduledExecutorService thread = scanThread;
        if (thread != null) {
            thread.execute(this::scan);
        }
    }

    /**
     * For the sweep, on the publishing thread: clears for the topics found that their entity does not own now.
     *
     * @param ownedTopics the topics an entity has on the broker (none for an entity the bridge does not publish)
     */
    List<MqttStatestream.Message> clears(Function<String, Set<String>> ownedTopics) {
        Set<String> topics = found.getAndSet(null);
        if (topics == null) {
            return List.of();
        }
        Map<String, Set<String>> owned = new HashMap<>();
        List<MqttStatestream.Message> clears = new ArrayList<>();
        for (String topic : topics) {
            String entityId = layout.entityOf(topic);
            if (entityId != null && !owned.computeIfAbsent(entityId, ownedTopics).contains(topic)) {
                clears.add(new MqttStatestream.Message(topic, CLEARED));
            }
        }
        if (!clears.isEmpty()) {
            LOG.info("Clearing {} retained MQTT topics under {} that no published entity owns (left by entities removed "
                    + "or excluded while the bridge was away, or by attributes they no longer have)", clears.size(),
                    layout.everything());
        }
        return clears;
    }

    /** For the sweep, once the broker has its clears. */
    void swept(int topics) {
        cleared.add(topics);
    }

    long cleared() {
        return cleared.sum();
    }

    private void scan() {
        RetainedScan.Result result;
        try {
            result = connection.scanRetained(layout.everything());
        } catch (MqttException e) {
            if (scanThread == null || Thread.currentThread().isInterrupted()) {
                return; // the bridge is stopping
            }
            LOG.warn("Could not learn which topics the MQTT broker retains under {}: {}. Topics of entities removed "
                    + "while the bridge was away stay until the next connect", layout.everything(), e.toString()
                    + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!result.complete()) {
            LOG.info("The MQTT broker was still sending retained messages under {} after a minute: stale topics among "
                    + "the rest are cleared after a later connect", layout.everything());
        }
        found.set(result.topics());
        if (!waitingForSync) {
            sweepWhenSynced();
        }
    }

    private void sweepWhenSynced() {
        waitingForSync = false;
        ScheduledExecutorService thread = scanThread;
        if (found.get() == null || thread == null) {
            return;
        }
        if (homeAssistantSynced.getAsBoolean()) {
            queue.accept(StateUpdate.SWEEP);
        } else {
            waitingForSync = true;
            thread.schedule(this::sweepWhenSynced, SYNC_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
