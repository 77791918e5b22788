package io.hacamel.bridge.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * An MQTT subscriber that records what arrives, in order: tests take messages with {@code next…()} (which waits up
 * to a deadline) and end with {@link #assertExhausted()}. {@link #retained} shows what the broker holds as a new
 * subscriber sees it.
 */
public final class MqttRecorder implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** One message; {@code retained} is true for what the broker held when the subscription was made. */
    public record Received(String topic, String payload, boolean retained) {
    }

    private final MqttClient client;
    private final String filter;
    private final BlockingQueue<Received> happened = new LinkedBlockingQueue<>();

    private MqttRecorder(MqttClient client, String filter) {
        this.client = client;
        this.filter = filter;
    }

    /** Subscribes to {@code filter} (e.g. {@code base/#}) on the broker at {@code url}. */
    public static MqttRecorder subscribe(String url, String filter) {
        return subscribe(url, filter, null, null, null);
    }

    public static MqttRecorder subscribe(String url, String filter, String username, String password,
            SocketFactory tls) {
        try {
            MqttClient client = new MqttClient(url, "recorder-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            if (username != null) {
                options.setUserName(username);
                options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
            if (tls != null) {
                options.setSocketFactory(tls);
            }
            client.setTimeToWait(WAIT.toMillis());
            client.connect(options);
            MqttRecorder recorder = new MqttRecorder(client, filter);
            IMqttMessageListener listener = (topic, message) -> recorder.record(new Received(topic,
                    new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained()));
            // the array form: Paho 1.2.5's subscribe(String, int, listener) recurses forever
            client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)},
                    new IMqttMessageListener[] {listener});
            return recorder;
        } catch (MqttException e) {
            throw new AssertionError("cannot subscribe to " + filter + " at " + url + ": " + e, e);
        }
    }

    /**
     * The broker's retained messages under {@code filter} (which must end in {@code #}), as a new subscriber gets
     * them.
     */
    public static Map<String, String> retained(String url, String filter) {
        return retained(url, filter, null, null, null);
    }

    public static Map<String, String> retained(String url, String filter, String username, String password,
            SocketFactory tls) {
        try (MqttRecorder recorder = subscribe(url, filter, username, password, tls)) {
            return recorder.takeRetained();
        }
    }

    /**
     * Takes the retained messages the subscription started with (its filter must end in {@code #}): everything
     * before a marker published now, which the broker delivers after them.
     */
    public Map<String, String> takeRetained() {
        String marker = filter.substring(0, filter.length() - 1) + "zz-marker-" + UUID.randomUUID();
        try {
            client.publish(marker, new byte[] {'m'}, 1, false);
        } catch (MqttException e) {
            throw new AssertionError(e);
        }
        Map<String, String> retained = new LinkedHashMap<>();
        for (Received message = next(); !message.topic().equals(marker); message = next()) {
            if (message.retained()) {
                retained.put(message.topic(), message.payload());
            }
        }
        return retained;
    }

    public Received next() {
        Received next = poll(WAIT);
        if (next == null) {
            fail("no MQTT message on " + filter + " within " + WAIT.toSeconds() + " s");
        }
        return next;
    }

    /** The next message if one arrives within {@code wait}, else null: for a test that retries a request. */
    public Received poll(Duration wait) {
        try {
            return happened.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Publishes over this recorder's connection (QoS 1, not retained). */
    public void publish(String topic, String payload) {
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            throw new AssertionError("cannot publish to " + topic + ": " + e, e);
        }
    }

    /** Publishes a retained message over this recorder's connection (QoS 1), as another publisher would. */
    public void publishRetained(String topic, String payload) {
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
        } catch (MqttException e) {
            throw new AssertionError("cannot publish to " + topic + ": " + e, e);
        }
    }

    /** The messages that arrived so far, taken from the queue (for a test that looks at all of them at the end). */
    public List<Received> drain() {
        List<Received> messages = new ArrayList<>();
        happened.drainTo(messages);
        return messages;
    }

    /** The next message must be on this topic. */
    public Received next(String topic) {
        Received next = next();
        assertThat(next.topic()).as("topic of the next message").isEqualTo(topic);
        return next;
    }

    public void assertExhausted() {
        assertThat(happened).as("MQTT messages that arrived but no test looked at").isEmpty();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close(true);
        } catch (MqttException e) {
            // the broker may be gone already
        }
    }

    private void record(Received message) {
        happened.add(message);
    }
}
