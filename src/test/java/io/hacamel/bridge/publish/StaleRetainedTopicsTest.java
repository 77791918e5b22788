package io.hacamel.bridge.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.MqttRecorder;
import io.hacamel.bridge.testing.MqttTestBroker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that keeps retained messages across the bridge's restarts (as Mosquitto with persistence does) holds
 * topics an earlier run left: of entities removed meanwhile, of entities a filter now excludes, of attributes the
 * layout no longer publishes. After connecting, and once Home Assistant's resync is through, the bridge clears those
 * and nothing else; and again after every reconnect.
 */
class StaleRetainedTopicsTest extends BridgeTestSupport {

    private static final String BASE = "stale/statestream";
    /** Topics an earlier run left that no entity owns now; the bridge clears each. */
    private static final Map<String, String> STALE = Map.of(
            BASE + "/light/removed_lamp/state", "on",                       // removed while the bridge was away
            BASE + "/light/removed_lamp/attributes", "{}",
            BASE + "/switch/camel_switch/friendly_name", "\"Camel Switch\"", // published with attributes=topics then
            BASE + "/input_number/camel_lamp_brightness/state", "20",        // now excluded by mqtt.statestream.exclude
            BASE + "/input_boolean/camel_test/state", "off");                // now excluded by filter.exclude-domains
    /** Retained topics that are no entity's: left alone. */
    private static final Map<String, String> NOT_AN_ENTITY = Map.of(
            BASE + "/bridge/note", "kept",
            BASE + "/light/state", "kept",
            "elsewhere/light/removed_lamp/state", "kept");

    private MqttTestBroker broker;
    /** Everything published under the base from before the bridge started. */
    private MqttRecorder witness;

    @Override
    protected void bridgeProperties(Properties properties) {
        broker = MqttTestBroker.start();
        witness = MqttRecorder.subscribe(broker.url(), BASE + "/#");
        try (MqttRecorder earlierRun = MqttRecorder.subscribe(broker.url(), "unused/#")) {
            STALE.forEach(earlierRun::publishRetained);
            NOT_AN_ENTITY.forEach(earlierRun::publishRetained);
            earlierRun.publishRetained(BASE + "/light/camel_lamp/state", "an old state");
        }
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", broker.url());
        properties.put("mqtt.base-topic", BASE);
        properties.put("mqtt.statestream.exclude", "input_number.camel_lamp_brightness");
        properties.put("filter.exclude-domains", "input_boolean");
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        witness.close();
        broker.close();
    }

    @Test
    void topicsNoEntityOwnsAreClearedAndNothingElse() {
        awaitStaleTopicsCleared(STALE.size());

        Map<String, String> retained = MqttRecorder.retained(broker.url(), BASE + "/#");
        assertThat(retained).doesNotContainKeys(STALE.keySet().toArray(String[]::new))
                .containsEntry(BASE + "/bridge/note", "kept").containsEntry(BASE + "/light/state", "kept")
                .containsEntry(BASE + "/light/camel_lamp/state", "off")
                .containsEntry(BASE + "/switch/camel_switch/state", "off")
                .containsKey(BASE + "/switch/camel_switch/attributes");
        assertThat(MqttRecorder.retained(broker.url(), "elsewhere/#"))
                .containsEntry("elsewhere/light/removed_lamp/state", "kept");
        // in particular no entity's own topic was cleared before Home Assistant's resync had been published
        assertThat(clearedTopics(witness.drain())).isEqualTo(STALE.keySet());
    }

    @Test
    void aReconnectClearsWhatWasLeftMeanwhile() {
        awaitStaleTopicsCleared(STALE.size());
        String leftMeanwhile = BASE + "/sensor/left_meanwhile/state";
        try (MqttRecorder otherPublisher = MqttRecorder.subscribe(broker.url(), "unused/#")) {
            otherPublisher.publishRetained(leftMeanwhile, "21.5");
        }
        assertThat(MqttRecorder.retained(broker.url(), BASE + "/sensor/#")).containsKey(leftMeanwhile);

        broker.dropConnections();

        awaitStaleTopicsCleared(STALE.size() + 1);
        assertThat(MqttRecorder.retained(broker.url(), BASE + "/#")).doesNotContainKey(leftMeanwhile)
                .containsEntry(BASE + "/light/camel_lamp/state", "off");
        assertThat(api.get("/status").body().path("publishing").path("mqtt").path("snapshots").asLong())
                .isGreaterThanOrEqualTo(2);
    }

    private void awaitStaleTopicsCleared(long topics) {
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/status").body().path("publishing").path("mqtt")
                .path("stale_topics_cleared").asLong() == topics);
    }

    private static Set<String> clearedTopics(List<MqttRecorder.Received> messages) {
        return messages.stream().filter(message -> message.payload().isEmpty()).map(MqttRecorder.Received::topic)
                .collect(Collectors.toSet());
    }
}
