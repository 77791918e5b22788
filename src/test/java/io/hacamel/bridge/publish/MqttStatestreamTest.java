package io.hacamel.bridge.publish;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.MqttRecorder;
import io.hacamel.bridge.testing.MqttTestBroker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole bridge publishing the transcript home to a real broker that asks for a password: Home Assistant's
 * mqtt_statestream layout, retained; changes; removals; a snapshot after the broker restarts; availability.
 */
class MqttStatestreamTest extends BridgeTestSupport {

    static final String BASE = "home/statestream";
    static final String USER = "bridge";
    static final String PASSWORD = "mqtt-secret-5d2a";
    private static final String LAMP = BASE + "/light/camel_lamp/";
    private static final String SWITCH = BASE + "/switch/camel_switch/";

    /** Availability, and of 5 published entities (one is excluded) the state, 2 timestamps and the attributes. */
    private static final int EVERY_TOPIC = 1 + (3 + 7) + (3 + 3) + (3 + 2) + (3 + 1) + (3 + 3);

    private MqttTestBroker broker;

    @Override
    protected void bridgeProperties(Properties properties) {
        broker = MqttTestBroker.withUser(USER, PASSWORD);
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", broker.url());
        properties.put("mqtt.username", USER);
        properties.put("mqtt.password", PASSWORD);
        properties.put("mqtt.base-topic", BASE + "/");
        properties.put("mqtt.reconnect.initial-delay", "100");
        properties.put("mqtt.reconnect.max-delay", "500");
        properties.put("mqtt.statestream.exclude", "input_number.camel_lamp_brightness");
        // the layout of statestream with publish_attributes and publish_timestamps on
        properties.put("mqtt.statestream.attributes", "topics");
        properties.put("mqtt.statestream.timestamps", "true");
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        broker.close();
    }

    @Test
    void everyStateIsRetainedInTheStatestreamLayout() {
        Map<String, String> retained = awaitRetained(SWITCH + "state", "off", EVERY_TOPIC);

        assertThat(retained).hasSize(EVERY_TOPIC).containsEntry(BASE + "/bridge/availability", "online")
                .containsEntry(LAMP + "state", "off")
                .containsEntry(LAMP + "last_changed", "2026-11-21T21:38:37.546894+00:00")
                .containsEntry(LAMP + "last_updated", "2026-11-21T21:38:37.546894+00:00")
                .containsEntry(LAMP + "supported_color_modes", "[\"brightness\"]")
                .containsEntry(LAMP + "friendly_name", "\"Camel Lamp\"")
                .containsEntry(LAMP + "supported_features", "0")
                .containsEntry(BASE + "/input_number/camel_level/state", "50.0")
                .containsEntry(BASE + "/input_number/camel_level/initial", "50.0")
                .containsEntry(BASE + "/input_number/camel_level/editable", "false")
                .containsEntry(BASE + "/input_number/camel_level/mode", "\"slider\"")
                .containsEntry(BASE + "/input_boolean/camel_test/icon", "\"mdi:toggle-switch\"");
        assertThat(retained).doesNotContainKey(BASE + "/input_number/camel_lamp_brightness/state");
    }

    @Test
    void aChangeRepublishesTheStateAndWhatChangedAndClearsVanishedAttributes() {
        awaitRetained(SWITCH + "state", "off");
        try (MqttRecorder live = MqttRecorder.subscribe(broker.url(), LAMP + "#", USER, PASSWORD, null)) {
            live.takeRetained();
            ObjectNode on = JsonNodeFactory.instance.objectNode().put("brightness", 200)
                    .put("friendly_name", "Camel Lamp").put("supported_features", 0);
            on.putArray("supported_color_modes").add("brightness");

            simulator.home().setState("light.camel_lamp", "on", on);

            assertThat(live.next(LAMP + "state").payload()).isEqualTo("on");
            assertThat(live.next(LAMP + "last_changed").payload()).isNotEqualTo("2026-11-21T21:38:37.546894+00:00");
            live.next(LAMP + "last_updated");
            assertThat(live.next(LAMP + "brightness").payload()).isEqualTo("200");

            on.remove("brightness");
            simulator.home().setState("light.camel_lamp", "off", on);

            assertThat(live.next(LAMP + "state").payload()).isEqualTo("off");
            live.next(LAMP + "last_changed");
            live.next(LAMP + "last_updated");
            assertThat(live.next(LAMP + "brightness").payload()).as("cleared").isEmpty();
            live.assertExhausted();
        }
        assertThat(MqttRecorder.retained(broker.url(), LAMP + "#", USER, PASSWORD, null))
                .containsEntry(LAMP + "state", "off").doesNotContainKey(LAMP + "brightness");
    }

    @Test
    void aRemovedEntityHasItsTopicsCleared() {
        awaitRetained(SWITCH + "state", "off");
        try (MqttRecorder live = MqttRecorder.subscribe(broker.url(), SWITCH + "#", USER, PASSWORD, null)) {
            live.takeRetained();

            simulator.home().removeEntity("switch.camel_switch");

            for (String topic : new String[] {"state", "last_changed", "last_updated", "friendly_name"}) {
                assertThat(live.next(SWITCH + topic).payload()).as(topic).isEmpty();
            }
            live.assertExhausted();
        }
        assertThat(MqttRecorder.retained(broker.url(), BASE + "/#", USER, PASSWORD, null).keySet())
                .noneMatch(topic -> topic.startsWith(SWITCH)).contains(LAMP + "state");
    }

    @Test
    void aRestartedBrokerGetsEveryStateAgainAndWhatChangedMeanwhile() {
        awaitRetained(SWITCH + "state", "off");
        broker.stop();
        simulator.home().setState("switch.camel_switch", "on");
        await().atMost(Duration.ofSeconds(10)).until(() -> "on".equals(api.get("/api/v1/states/switch.camel_switch")
                .body().path("state").asText()));

        broker.startAgain();

        Map<String, String> retained = awaitRetained(SWITCH + "state", "on", EVERY_TOPIC);
        assertThat(retained).hasSize(EVERY_TOPIC).containsEntry(LAMP + "state", "off").containsEntry(BASE + "/bridge/availability", "online")
                .containsEntry(SWITCH + "friendly_name", "\"Camel Switch\"")
                .containsEntry(BASE + "/input_number/camel_level/state", "50.0");
        assertThat(api.get("/status").body().path("publishing").path("mqtt").path("snapshots").asLong())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void theBridgeIsOnlineWhileConnectedAndOfflineOnceStopped() {
        awaitRetained(SWITCH + "state", "off");

        context.stop();

        assertThat(MqttRecorder.retained(broker.url(), BASE + "/bridge/#", USER, PASSWORD, null))
                .containsExactly(Map.entry(BASE + "/bridge/availability", "offline"));
    }

    private Map<String, String> awaitRetained(String topic, String payload) {
        return awaitRetained(topic, payload, 0);
    }

    /** Waits until the broker retains this payload on the topic and holds at least {@code topics} topics. */
    private Map<String, String> awaitRetained(String topic, String payload, int topics) {
        AtomicReference<Map<String, String>> retained = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            retained.set(MqttRecorder.retained(broker.url(), BASE + "/#", USER, PASSWORD, null));
            return payload.equals(retained.get().get(topic)) && retained.get().size() >= topics;
        });
        return retained.get();
    }
}
