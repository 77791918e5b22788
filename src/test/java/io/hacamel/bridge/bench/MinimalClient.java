package io.hacamel.bridge.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The yardstick of issue 7, measured here rather than quoted: a hand-written Vert.x + Jackson + Paho client that only
 * parses Home Assistant's events, filters them and publishes each new state as the bridge's statestream does (the
 * state topic, and the attributes document when it changed), QoS 1 retained, on the Vert.x event loop. No cache, no
 * routes, no resync, no API, no metrics. Run in a JVM of its own by {@link MinimalClientRun}; prints {@code subscribed}
 * once events flow.
 *
 * <p>Arguments: the simulator's WebSocket URL, its token, the broker's URL, the base topic.
 */
public final class MinimalClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Paho's code when more QoS 1 messages are on their way than the broker takes (its Receive Maximum). */
    private static final int MAX_INFLIGHT = 32202;

    private final String token;
    private final String baseTopic;
    private final MqttAsyncClient mqtt;
    private final ArrayDeque<IMqttToken> onTheirWay = new ArrayDeque<>();
    private final Map<String, String> publishedAttributes = new HashMap<>();
    private WebSocket ws;

    private MinimalClient(String token, String baseTopic, MqttAsyncClient mqtt) {
        this.token = token;
        this.baseTopic = baseTopic;
        this.mqtt = mqtt;
    }

    public static void main(String[] args) throws Exception {
        URI ha = URI.create(args[0]);
        MqttAsyncClient mqtt = new MqttAsyncClient(args[2], "minimal-client-" + ProcessHandle.current().pid(),
                new MemoryPersistence());
        mqtt.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        MinimalClient client = new MinimalClient(args[1], args[3], mqtt);
        Vertx vertx = Vertx.vertx();
        vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(64 << 20).setMaxFrameSize(64 << 20))
                .connect(new WebSocketConnectOptions().setHost(ha.getHost()).setPort(ha.getPort()).setURI(ha.getPath()))
                .onSuccess(ws -> {
                    client.ws = ws;
                    ws.textMessageHandler(client::onFrame);
                })
                .onFailure(error -> {
                    error.printStackTrace();
                    System.exit(1);
                });
    }

    private void onFrame(String text) {
        try {
            JsonNode frame = JSON.readTree(text);
            for (JsonNode message : frame.isArray() ? frame : List.of(frame)) {
                onMessage(message);
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    private void onMessage(JsonNode message) throws MqttException {
        switch (message.path("type").asText()) {
            case "auth_required" -> ws.writeTextMessage("{\"type\":\"auth\",\"access_token\":\"" + token + "\"}");
            case "auth_ok" -> {
                ws.writeTextMessage("{\"id\":1,\"type\":\"supported_features\",\"features\":{\"coalesce_messages\":1}}");
                ws.writeTextMessage("{\"id\":2,\"type\":\"subscribe_events\",\"event_type\":\"state_changed\"}");
            }
            case "result" -> {
                if (message.path("id").asInt() == 2) {
                    System.out.println("subscribed");
                }
            }
            case "event" -> onStateChanged(message.path("event").path("data"));
            default -> {
            }
        }
    }

    private void onStateChanged(JsonNode data) throws MqttException {
        String entityId = data.path("entity_id").asText("");
        JsonNode newState = data.path("new_state");
        int dot = entityId.indexOf('.');
        if (dot <= 0 || !newState.isObject()) {
            return; // the filter: entities with a domain and a state
        }
        String topic = baseTopic + "/" + entityId.substring(0, dot) + "/" + entityId.substring(dot + 1) + "/";
        publish(topic + "state", newState.path("state").asText());
        String attributes = newState.path("attributes").toString();
        if (!attributes.equals(publishedAttributes.put(entityId, attributes))) {
            publish(topic + "attributes", attributes);
        }
    }

    /** QoS 1, retained, without waiting; waits for the oldest only when the broker takes no more at once. */
    private void publish(String topic, String payload) throws MqttException {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        while (!onTheirWay.isEmpty() && onTheirWay.peekFirst().isComplete()) {
            onTheirWay.pollFirst();
        }
        while (true) {
            try {
                onTheirWay.addLast(mqtt.publish(topic, bytes, 1, true));
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MAX_INFLIGHT || onTheirWay.isEmpty()) {
                    throw e;
                }
                onTheirWay.pollFirst().waitForCompletion(10_000);
            }
        }
    }
}
