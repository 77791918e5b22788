package io.hacamel.bridge.publish;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.MqttRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Against an external Mosquitto (MQTT_TEST_URL, e.g. tcp://127.0.0.1:18830; .ci/run starts one when apt has it):
 * the statestream layout, retained; a removal clears the topics; retained topics an earlier run left that no entity
 * owns are cleared at the start (Mosquitto keeps retained messages across the bridge's restarts); the bridge says
 * offline when it stops; a command topic that the tests' own broker cannot carry is answered. Each test publishes
 * under a base topic of its own, so earlier runs' retained messages do not matter.
 */
@EnabledIfEnvironmentVariable(named = "MQTT_TEST_URL", matches = "(tcp|ssl)://.+")
class MosquittoTest extends BridgeTestSupport {

    private final String url = url();
    private String base;

    @Override
    protected void bridgeProperties(Properties properties) {
        base = "it/" + UUID.randomUUID();
        // as an earlier run of the bridge would have left them: an entity removed meanwhile, an attribute topic
        try (MqttRecorder earlierRun = MqttRecorder.subscribe(url(), "unused/#")) {
            earlierRun.publishRetained(base + "/light/removed_lamp/state", "on");
            earlierRun.publishRetained(base + "/switch/camel_switch/friendly_name", "\"Camel Switch\"");
            earlierRun.publishRetained(base + "/notes/kept", "kept"); // no entity's topic
        }
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", url());
        properties.put("mqtt.base-topic", base);
    }

    @Test
    void statesAreRetainedInTheStatestreamLayoutAndARemovalClearsThem() {
        Map<String, String> retained = awaitRetained(base + "/switch/camel_switch/state", "off");
        assertThat(retained).containsEntry(base + "/bridge/availability", "online")
                .containsEntry(base + "/light/camel_lamp/state", "off")
                .containsEntry(base + "/switch/camel_switch/attributes", "{\"friendly_name\":\"Camel Switch\"}");
        assertThat(retained.get(base + "/input_number/camel_level/attributes")).contains("\"min\":0.0");

        simulator.home().removeEntity("light.camel_lamp");

        await().atMost(Duration.ofSeconds(20)).until(() -> MqttRecorder.retained(url, base + "/#").keySet().stream()
                .noneMatch(topic -> topic.startsWith(base + "/light/")));
        simulator.home().setState("switch.camel_switch", "on");
        awaitRetained(base + "/switch/camel_switch/state", "on");
    }

    @Test
    void retainedTopicsNoEntityOwnsAreClearedAtTheStart() {
        awaitRetained(base + "/switch/camel_switch/state", "off");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/status").body().path("publishing").path("mqtt")
                .path("stale_topics_cleared").asLong() == 2);

        assertThat(MqttRecorder.retained(url, base + "/#")).containsEntry(base + "/notes/kept", "kept")
                .containsEntry(base + "/light/camel_lamp/state", "off")
                .doesNotContainKeys(base + "/light/removed_lamp/state", base + "/switch/camel_switch/friendly_name");
    }

    @Test
    void theBridgeSaysOfflineWhenItStops() {
        awaitRetained(base + "/bridge/availability", "online");

        context.stop();

        assertThat(MqttRecorder.retained(url, base + "/bridge/#"))
                .isEqualTo(Map.of(base + "/bridge/availability", "offline"));
    }

    @Test
    void aCommandWhoseDomainEndsInABackslashIsAnsweredWithAnError() {
        // Artemis never delivers this topic (a backslash is its escape character); Mosquitto does, so it is tested here
        String command = base + "/command/light\\/turn_on";
        try (MqttRecorder answers = MqttRecorder.subscribe(url, base + "/command/+/+/result")) {
            AtomicReference<MqttRecorder.Received> answer = new AtomicReference<>();
            // again until answered: the bridge subscribes to the command topics just after it connects
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                answers.publish(command, "{}");
                answer.set(answers.poll(Duration.ofSeconds(1)));
                return answer.get() != null;
            });
            assertThat(answer.get().topic()).isEqualTo(command + "/result");
            assertThat(answer.get().payload()).contains("\"success\":false", "\"status\":400", "domain");
        }
    }

    /** A method, as the properties are asked for before the fields are set. */
    private static String url() {
        return System.getenv("MQTT_TEST_URL");
    }

    private Map<String, String> awaitRetained(String topic, String payload) {
        AtomicReference<Map<String, String>> retained = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            retained.set(MqttRecorder.retained(url, base + "/#"));
            return payload.equals(retained.get().get(topic));
        });
        return retained.get();
    }
}
