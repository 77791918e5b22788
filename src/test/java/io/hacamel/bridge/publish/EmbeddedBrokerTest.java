package io.hacamel.bridge.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.BridgeFiles;
import io.hacamel.bridge.mqtt.BrokerCredentials;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.LogCapture;
import io.hacamel.bridge.testing.MqttRecorder;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Demo mode with MQTT left at its defaults: no mqtt.url, so the bridge starts its embedded broker (here on a free
 * port instead of 1883) and publishes the demo home there. The broker admits only the user generated into the
 * credentials file (the shipped mqtt.embedded.credentials-file, under the bridge's home), which is readable by its
 * owner only and never logged.
 */
class EmbeddedBrokerTest extends BridgeTestSupport {

    private static final String BASE = "homeassistant/statestream";
    private static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("ha.url", "");
        properties.put("ha.token", "");
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.embedded.port", "0");
    }

    @Test
    void theDemoHomeIsPublishedToTheEmbeddedBrokerForTheGeneratedUser() {
        awaitReady();
        String broker = broker();
        assertThat(broker).startsWith("tcp://127.0.0.1:").isNotEqualTo("tcp://127.0.0.1:1883");
        int entities = api.get("/api/v1/states").body().size();
        BrokerCredentials user = credentials();

        AtomicReference<Map<String, String>> retained = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            retained.set(MqttRecorder.retained(broker, BASE + "/#", user.username(), user.password(), null));
            return retained.get().keySet().stream().filter(topic -> topic.endsWith("/state")).count() == entities;
        });

        assertThat(retained.get()).containsEntry(BASE + "/bridge/availability", "online")
                .hasEntrySatisfying(BASE + "/light/living_room_ceiling/attributes",
                        attributes -> assertThat(attributes).contains("\"friendly_name\":\"Living Room Ceiling\""))
                .containsKey(BASE + "/light/living_room_ceiling/state");
        assertThat(logs.lines()).anyMatch(line -> line.contains("mosquitto_sub") && line.contains("$password"))
                .noneMatch(line -> line.contains(user.password()));
        assertThat(api.get("/status").text()).doesNotContain(user.password());
    }

    @Test
    void theCredentialsFileIsReadableByItsOwnerOnly() throws Exception {
        awaitReady();
        Path file = credentialsFile();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).containsPattern("(?m)^username=bridge-[0-9a-f]{8}$")
                .containsPattern("(?m)^password=[0-9a-f]{48}$");
    }

    @Test
    void anonymousClientsAndWrongPasswordsAreRefused() {
        awaitReady();
        String broker = broker();

        assertThat(refusal(broker, null, null)).as("anonymous").isIn(0x86, 0x87);
        assertThat(refusal(broker, credentials().username(), "wrong-" + UUID.randomUUID())).as("wrong password")
                .isIn(0x86, 0x87);
    }

    private String broker() {
        JsonNode mqtt = api.get("/status").body().path("publishing").path("mqtt");
        assertThat(mqtt.path("embedded_broker").asBoolean()).isTrue();
        return mqtt.path("broker").asText();
    }

    private static Path credentialsFile() {
        return BridgeFiles.home().resolve("data/mqtt-broker.credentials");
    }

    private static BrokerCredentials credentials() {
        return BrokerCredentials.loadOrCreate(credentialsFile());
    }

    /** The reason code of the broker's CONNACK refusing this client. */
    private static int refusal(String broker, String username, String password) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.getBytes());
        }
        try {
            MqttClient client = new MqttClient(broker, "intruder-" + UUID.randomUUID(), new MemoryPersistence());
            try {
                MqttException refused = catchThrowableOfType(() -> client.connect(options), MqttException.class);
                assertThat(refused).as("the broker refuses the connection").isNotNull();
                return refused.getReasonCode();
            } finally {
                client.close(true);
            }
        } catch (MqttException e) {
            throw new AssertionError(e);
        }
    }
}
