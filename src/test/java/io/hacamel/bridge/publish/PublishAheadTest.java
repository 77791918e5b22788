package io.hacamel.bridge.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.MqttRecorder;
import io.hacamel.bridge.testing.MqttTestBroker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bursts of changes, which the statestream publishes ahead (several updates waiting for their acknowledgements at
 * once): every entity's final state ends up retained, the topic count stays exact, and a broker that goes away in
 * the middle of a burst loses nothing once it is back.
 */
class PublishAheadTest extends BridgeTestSupport {

    private static final String BASE = "ahead";
    private static final int ENTITIES = 300;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private MqttTestBroker broker;

    @Override
    protected SimulatedHome home() {
        return SimulatedHome.generated(ENTITIES, 11);
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        broker = MqttTestBroker.start();
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", broker.url());
        properties.put("mqtt.base-topic", BASE + "/");
        properties.put("mqtt.reconnect.initial-delay", "100");
        properties.put("mqtt.reconnect.max-delay", "500");
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        broker.close();
    }

    @Test
    void everyFinalStateOfABurstIsRetainedAndTheTopicsAreCountedOnce() {
        awaitEveryStateRetained();

        burst(4_000);

        awaitEveryStateRetained();
        JsonNode mqtt = mqttStatus();
        assertThat(mqtt.path("retained_entities").asInt()).isEqualTo(ENTITIES);
        // the state and one JSON document of attributes per entity
        assertThat(mqtt.path("retained_topics").asInt()).isEqualTo(2 * ENTITIES);
        assertThat(mqtt.path("messages_refused").asInt()).isZero();
    }

    @Test
    void aBrokerThatGoesAwayDuringABurstGetsEveryFinalStateOnceItIsBack() {
        awaitEveryStateRetained();
        long published = mqttStatus().path("states_published").asLong();
        simulator.load().start(2_000);
        await().atMost(WAIT).until(() -> mqttStatus().path("states_published").asLong() > published + 500);

        broker.stop();
        long sent = simulator.load().eventsSent();
        await().atMost(WAIT).until(() -> simulator.load().eventsSent() > sent + 1_000);
        simulator.load().stop();
        broker.startAgain();

        awaitEveryStateRetained();
        assertThat(mqttStatus().path("retained_entities").asInt()).isEqualTo(ENTITIES);
    }

    /** Changes at a rate well above one acknowledgement at a time, until {@code events} were made. */
    private void burst(long events) {
        long sent = simulator.load().eventsSent();
        simulator.load().start(5_000);
        await().atMost(WAIT).until(() -> simulator.load().eventsSent() >= sent + events);
        simulator.load().stop();
    }

    private void awaitEveryStateRetained() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Map<String, String> expected = new HashMap<>();
            for (String id : simulator.home().entityIds()) {
                expected.put(BASE + "/" + id.replace('.', '/') + "/state",
                        simulator.home().state(id).path("state").asText());
            }
            Map<String, String> retained = MqttRecorder.retained(broker.url(), BASE + "/#");
            assertThat(retained).containsAllEntriesOf(expected);
        });
    }

    private JsonNode mqttStatus() {
        return api.get("/status").body().path("publishing").path("mqtt");
    }
}
