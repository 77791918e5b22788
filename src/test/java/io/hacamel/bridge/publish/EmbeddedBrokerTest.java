package io.hacamel.bridge.publish;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.MqttRecorder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Demo mode with MQTT left at its defaults: no mqtt.url, so the bridge starts its embedded broker (here on a free
 * port instead of 1883) and publishes the demo home there, where any MQTT client can subscribe.
 */
class EmbeddedBrokerTest extends BridgeTestSupport {

    private static final String BASE = "homeassistant/statestream";

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("ha.url", "");
        properties.put("ha.token", "");
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.embedded.port", "0");
    }

    @Test
    void theDemoHomeIsPublishedToTheEmbeddedBroker() {
        awaitReady();
        JsonNode mqtt = api.get("/status").body().path("publishing").path("mqtt");
        assertThat(mqtt.path("embedded_broker").asBoolean()).isTrue();
        String broker = mqtt.path("broker").asText();
        assertThat(broker).startsWith("tcp://127.0.0.1:").isNotEqualTo("tcp://127.0.0.1:1883");
        int entities = api.get("/api/v1/states").body().size();

        AtomicReference<Map<String, String>> retained = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            retained.set(MqttRecorder.retained(broker, BASE + "/#"));
            return retained.get().keySet().stream().filter(topic -> topic.endsWith("/state")).count() == entities;
        });

        assertThat(retained.get()).containsEntry(BASE + "/bridge/availability", "online")
                .hasEntrySatisfying(BASE + "/light/living_room_ceiling/attributes",
                        attributes -> assertThat(attributes).contains("\"friendly_name\":\"Living Room Ceiling\""))
                .containsKey(BASE + "/light/living_room_ceiling/state");
    }
}
