package io.hacamel.bridge.mqtt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.hacamel.bridge.Settings;
import io.hacamel.bridge.client.Backoff;
import io.hacamel.bridge.support.PemTrust;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The one place that knows how to reach the MQTT broker ({@code mqtt.*}): address, credentials, TLS, client id, the
 * base topic and QoS. Every MQTT feature of the bridge connects through it, so a user configures the broker once.
 *
 * @param url the broker, {@code tcp://host:1883} or {@code ssl://host:8883}; empty for the embedded broker
 * @param password never logged, never shown; {@link #describe()} masks it
 */
public record MqttSettings(boolean enabled, String url, String username, String password, Path caFile,
        String clientId, String baseTopic, int qos, Duration keepAlive, Duration connectTimeout,
        Duration publishTimeout, Backoff reconnect, boolean embeddedEnabled, String embeddedHost, int embeddedPort) {

    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    public MqttSettings {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("mqtt.qos must be 0, 1 or 2, was " + qos);
        }
        if (baseTopic.isEmpty() || baseTopic.contains("+") || baseTopic.contains("#")) {
            throw new IllegalArgumentException("mqtt.base-topic must be a topic without wildcards, was '" + baseTopic + "'");
        }
        if (!url.isEmpty()) {
            brokerUri(url);
        }
    }

    public static MqttSettings from(Settings settings) {
        String clientId = settings.get("mqtt.client-id");
        String caFile = settings.get("mqtt.ca-file");
        String baseTopic = settings.get("mqtt.base-topic");
        while (baseTopic.endsWith("/")) {
            baseTopic = baseTopic.substring(0, baseTopic.length() - 1);
        }
        return new MqttSettings(Boolean.parseBoolean(settings.get("mqtt.enabled")), normalise(settings.get("mqtt.url")),
                settings.get("mqtt.username"), settings.get("mqtt.password"),
                caFile.isEmpty() ? null : Path.of(caFile),
                clientId.isEmpty() ? "ha-camel-bridge-" + UUID.randomUUID().toString().substring(0, 8) : clientId,
                baseTopic, Integer.parseInt(settings.get("mqtt.qos")),
                Duration.ofMillis(settings.millis("mqtt.keep-alive")),
                Duration.ofMillis(settings.millis("mqtt.connect-timeout")),
                Duration.ofMillis(settings.millis("mqtt.publish-timeout")),
                new Backoff(Duration.ofMillis(settings.millis("mqtt.reconnect.initial-delay")), 2.0,
                        Duration.ofMillis(settings.millis("mqtt.reconnect.max-delay")), 0.1, 0),
                Boolean.parseBoolean(settings.get("mqtt.embedded.enabled")), settings.get("mqtt.embedded.host"),
                Integer.parseInt(settings.get("mqtt.embedded.port")));
    }

    /** True when the bridge runs its own broker: MQTT is on and no external broker is configured. */
    public boolean usesEmbeddedBroker() {
        return enabled && url.isEmpty() && embeddedEnabled;
    }

    /** The same settings with the user the embedded broker generated, which it asks for instead of mqtt.username. */
    public MqttSettings withCredentials(BrokerCredentials credentials) {
        return new MqttSettings(enabled, url, credentials.username(), credentials.password(), caFile, clientId,
                baseTopic, qos, keepAlive, connectTimeout, publishTimeout, reconnect, embeddedEnabled, embeddedHost,
                embeddedPort);
    }

    /** Retained {@code online} while the bridge is connected; the broker sets {@code offline} when it is gone. */
    public String availabilityTopic() {
        return baseTopic + "/bridge/availability";
    }

    /**
     * How to connect to the broker at {@code brokerUrl}: credentials, TLS, keep-alive and the last will that marks the
     * bridge offline. Reconnecting is the caller's job, so that the first connect is retried like any other.
     */
    public MqttConnectionOptions connectionOptions() throws Exception {
        MqttConnectionOptions options = clientOptions();
        MqttMessage will = new MqttMessage(OFFLINE.getBytes(StandardCharsets.UTF_8), qos, true, null);
        options.setWill(availabilityTopic(), will);
        return options;
    }

    /** Credentials, TLS, keep-alive and timeouts, without the last will: for a connection of the bridge's besides. */
    public MqttConnectionOptions clientOptions() throws Exception {
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (!username.isEmpty()) {
            options.setUserName(username);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (caFile != null) {
            options.setSocketFactory(PemTrust.socketFactory(caFile, "mqtt.ca-file"));
        }
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) Math.max(1, keepAlive.toSeconds()));
        options.setConnectionTimeout((int) Math.max(1, connectTimeout.toSeconds()));
        return options;
    }

    /** For /status: where and how the bridge connects, the password masked. */
    public Map<String, Object> describe(String brokerUrl) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("enabled", enabled);
        description.put("broker", brokerUrl);
        description.put("embedded_broker", usesEmbeddedBroker());
        description.put("client_id", clientId);
        description.put("username", username);
        description.put("password", password.isEmpty() ? "" : "****");
        description.put("ca_file", caFile == null ? "" : caFile.toString());
        description.put("base_topic", baseTopic);
        description.put("availability_topic", availabilityTopic());
        description.put("qos", qos);
        return description;
    }

    /** Users write mqtt:// and mqtts:// as often as Paho's tcp:// and ssl://. */
    private static String normalise(String url) {
        if (url.startsWith("mqtt://")) {
            return "tcp://" + url.substring("mqtt://".length());
        }
        if (url.startsWith("mqtts://")) {
            return "ssl://" + url.substring("mqtts://".length());
        }
        return url;
    }

    private static void brokerUri(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            // not the parser's message: it quotes the whole value, which may hold a password
            throw new IllegalArgumentException("mqtt.url is not a valid URL, e.g. tcp://mosquitto:1883");
        }
        if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
            throw new IllegalArgumentException("mqtt.url must start with tcp:// or ssl://, e.g. tcp://mosquitto:1883");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("mqtt.url must be tcp://host:port or ssl://host:port; credentials go in "
                    + "mqtt.username and mqtt.password");
        }
    }
}
