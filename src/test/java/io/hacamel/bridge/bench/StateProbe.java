package io.hacamel.bridge.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.hacamel.bridge.simulator.LoadGenerator;
import io.hacamel.bridge.simulator.SimulatedHome;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Times the way of each load change from the simulator to the broker, on one clock: the simulator tells the probe
 * each change it makes (entity, state, tick time), and the probe, subscribed to every state topic, matches each
 * state it receives with the oldest change of that entity still on its way that has this state. Every change up to
 * and including the matched one is then visible: a change the bridge merged into a newer one (coalescing) gets the
 * time the newer state arrived, which is how long a consumer waited to see it or something newer.
 */
final class StateProbe implements LoadGenerator.Observer, AutoCloseable {

    private static final String STATE_SUFFIX = "/state";

    /** What one entity has on its way and what the broker last delivered for it. */
    private static final class Track {
        private final ArrayDeque<String> states = new ArrayDeque<>();
        private final ArrayDeque<Long> sentAt = new ArrayDeque<>();
        private String lastReceived;
        private long lastReceivedNanos;
    }

    private final String baseTopic;
    private final Map<String, Track> tracks = new HashMap<>();
    private final Samples latencies = new Samples();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final MqttClient client;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    StateProbe(String brokerUrl, String baseTopic, SimulatedHome home) throws MqttException {
        this.baseTopic = baseTopic;
        home.entityIds().forEach(id -> tracks.put(id, new Track()));
        client = new MqttClient(brokerUrl, "bench-probe-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new Receiver());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(65_535);
        client.connect(options);
        // QoS 1: the broker keeps what the probe has not acknowledged, so the probe never loses a message itself
        client.subscribe(baseTopic + "/+/+/state", 1);
    }

    @Override
    public void changed(String entityId, String state, long nanoTime) {
        Track track = tracks.get(entityId);
        synchronized (track) {
            track.states.addLast(state);
            track.sentAt.addLast(nanoTime);
        }
    }

    /** Changes sent from now on count (until {@link #closeWindow()}); earlier latencies are forgotten. */
    void openWindow() {
        latencies.clear();
        windowEnd = Long.MAX_VALUE;
        windowStart = System.nanoTime();
    }

    void closeWindow() {
        windowEnd = System.nanoTime();
    }

    Samples latencies() {
        return latencies;
    }

    long received() {
        return received.get();
    }

    /** State messages that matched no change on its way (snapshots and the initial states after a start). */
    long unmatched() {
        return unmatched.get();
    }

    /** Changes whose state has not arrived yet. */
    long onTheirWay() {
        long changes = 0;
        for (Track track : tracks.values()) {
            synchronized (track) {
                changes += track.states.size();
            }
        }
        return changes;
    }

    /** Entities whose last delivered state differs from their state in the home. */
    int differing(SimulatedHome home, List<String> entityIds) {
        int differing = 0;
        for (String id : entityIds) {
            Track track = tracks.get(id);
            String truth = home.state(id).path("state").asText();
            synchronized (track) {
                if (!truth.equals(track.lastReceived)) {
                    differing++;
                }
            }
        }
        return differing;
    }

    /**
     * After a run whose final states all arrived: changes still on their way were merged into a state that arrived
     * (a binary sensor that flipped on, off, on while the bridge merged them leaves the first match ambiguous); they
     * count as seen when the entity's final state arrived. Returns how many there were.
     */
    long settle() {
        long settled = 0;
        for (Track track : tracks.values()) {
            synchronized (track) {
                while (!track.states.isEmpty()) {
                    track.states.pollFirst();
                    record(track.sentAt.pollFirst(), track.lastReceivedNanos);
                    settled++;
                }
            }
        }
        return settled;
    }

    private void arrived(String entityId, String state, long now) {
        Track track = tracks.get(entityId);
        if (track == null) {
            return;
        }
        synchronized (track) {
            track.lastReceived = state;
            track.lastReceivedNanos = now;
            if (!track.states.contains(state)) {
                unmatched.incrementAndGet();
                return;
            }
            String seen;
            do {
                seen = track.states.pollFirst();
                record(track.sentAt.pollFirst(), now);
            } while (!state.equals(seen));
        }
    }

    private void record(long sentAt, long arrivedAt) {
        if (sentAt >= windowStart && sentAt < windowEnd) {
            latencies.add(Math.max(0, arrivedAt - sentAt));
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(2_000);
        }
        client.close(true);
    }

    private final class Receiver implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            long now = System.nanoTime();
            received.incrementAndGet();
            if (!topic.endsWith(STATE_SUFFIX) || topic.length() <= baseTopic.length() + STATE_SUFFIX.length()) {
                return;
            }
            String path = topic.substring(baseTopic.length() + 1, topic.length() - STATE_SUFFIX.length());
            int slash = path.indexOf('/');
            if (slash > 0) {
                String entityId = path.substring(0, slash) + "." + path.substring(slash + 1);
                arrived(entityId, new String(message.getPayload(), StandardCharsets.UTF_8), now);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            System.err.println("The probe lost its broker: " + response);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            System.err.println("Probe MQTT error: " + exception);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
