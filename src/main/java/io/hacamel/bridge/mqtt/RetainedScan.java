package io.hacamel.bridge.mqtt;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Which topics the broker holds a retained message for under a filter. A connection of its own subscribes, so that
 * nothing reaches the bridge's own subscriptions (the command topics) twice and its own publications do not come
 * back; it takes the retained messages the broker sends for the new subscription and leaves once they stop.
 *
 * <p>The burst of retained messages has no end marker in MQTT. It counts as over once no retained message came for
 * {@link #QUIET} (after the last one, or after the subscription when there is none; live messages, which keep coming
 * under a busy base topic, do not count), and in any case after {@link #LIMIT}. A broker
 * that pauses longer mid-burst only makes the scan miss topics (the result says so); it never reports a topic the
 * broker does not hold.
 */
public final class RetainedScan {

    /** Brokers send the retained messages of a new subscription back to back: a pause this long ends the burst. */
    static final Duration QUIET = Duration.ofSeconds(2);
    /** The longest scan; about 30,000 topics a second arrive here even from a broker on another machine. */
    static final Duration LIMIT = Duration.ofSeconds(60);

    /** @param complete false when the scan stopped at {@link #LIMIT} while messages still came */
    public record Result(Set<String> topics, boolean complete) {
    }

    private RetainedScan() {
    }

    /** Subscribes to {@code filter} on the broker at {@code brokerUrl} as the bridge, then collects and leaves. */
    static Result scan(MqttSettings settings, String brokerUrl, String filter) throws MqttException,
            InterruptedException {
        Set<String> topics = ConcurrentHashMap.newKeySet();
        AtomicLong lastArrival = new AtomicLong();
        MqttClient client = new MqttClient(brokerUrl, settings.clientId() + "-scan", new MemoryPersistence());
        try {
            client.setTimeToWait(settings.publishTimeout().toMillis());
            MqttConnectionOptions options;
            try {
                options = settings.clientOptions();
            } catch (Exception e) {
                throw new MqttException(e);
            }
            client.connect(options);
            IMqttMessageListener collect = (topic, message) -> {
                // live messages (the bridge's own among them) arrive with the flag unset and do not delay the end
                if (message.isRetained()) {
                    if (message.getPayload().length > 0) {
                        topics.add(topic);
                    }
                    lastArrival.set(System.nanoTime());
                }
            };
            long started = System.nanoTime();
            lastArrival.set(started);
            // QoS 0: nothing to acknowledge; the array form, as Paho 1.2.5's subscribe(String, int, listener) recurses
            client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 0)},
                    new IMqttMessageListener[] {collect});
            boolean complete = awaitQuiet(lastArrival, started + LIMIT.toNanos());
            client.disconnect(settings.publishTimeout().toMillis());
            return new Result(Set.copyOf(topics), complete);
        } finally {
            if (client.isConnected()) {
                try {
                    client.disconnectForcibly(0, 1_000);
                } catch (MqttException e) {
                    // what failed before matters, not this
                }
            }
            client.close(true);
        }
    }

    /** True once nothing arrived for {@link #QUIET}; false at the deadline. */
    private static boolean awaitQuiet(AtomicLong lastArrival, long deadline) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long quietAt = lastArrival.get() + QUIET.toNanos();
            if (now >= quietAt) {
                return true;
            }
            if (now >= deadline) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(quietAt, deadline) - now);
        }
    }
}
