package io.hacamel.bridge.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.MqttRecorder;
import io.hacamel.bridge.testing.MqttTestBroker;
import io.hacamel.bridge.testing.WebhookSink;
import io.hacamel.bridge.testing.WebhookSink.Request;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After Home Assistant comes back, MQTT and the webhooks get what changed while it was away (a change, a removal),
 * not every state again: routes/ha-events.camel.yaml seeds the bridge once at start (seedStates), and a reconnect's
 * resync hands on only the difference.
 */
class ResyncPublishingTest extends BridgeTestSupport {

    private static final String BASE = "homeassistant/statestream";
    private static final String LEVEL = BASE + "/input_number/camel_level/";
    private static final String SWITCH = BASE + "/switch/camel_switch/";

    private MqttTestBroker broker;
    private WebhookSink sink;

    @Override
    protected void bridgeProperties(Properties properties) {
        broker = MqttTestBroker.start();
        sink = WebhookSink.start();
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", broker.url());
        properties.put("webhooks.targets", "all");
        properties.put("webhook.all.url", sink.url("/hooks/all"));
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        sink.close();
        broker.close();
    }

    @Test
    void aReconnectPublishesOnlyWhatChangedMeanwhile() {
        awaitReady();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "50.0".equals(MqttRecorder.retained(broker.url(), BASE + "/#").get(LEVEL + "state")));
        try (MqttRecorder live = MqttRecorder.subscribe(broker.url(), BASE + "/#")) {
            live.takeRetained();

            simulator.restart(home -> {
                home.setState("input_number.camel_level", "75.0");
                home.removeEntity("switch.camel_switch");
            });

            Request changed = sink.next();
            assertThat(changed.json().path("entity_id").asText()).isEqualTo("input_number.camel_level");
            assertThat(changed.json().path("new_state").path("state").asText()).isEqualTo("75.0");
            assertThat(changed.json().path("resync").asBoolean()).isTrue();
            Request removed = sink.next();
            assertThat(removed.json().path("entity_id").asText()).isEqualTo("switch.camel_switch");
            assertThat(removed.json().path("new_state").isNull()).isTrue();

            // a live change after the resync: nothing else came before it
            simulator.home().setState("input_number.camel_level", "80.0");
            assertThat(sink.next().json().path("new_state").path("state").asText()).isEqualTo("80.0");
            sink.assertExhausted();
            List<String> published = new ArrayList<>();
            for (MqttRecorder.Received message = live.next(); !message.payload().equals("80.0"); message = live.next()) {
                published.add(message.topic() + "=" + message.payload());
            }
            assertThat(published).filteredOn(message -> !message.startsWith(BASE + "/bridge/"))
                    .contains(LEVEL + "state=75.0", SWITCH + "state=")
                    .allMatch(message -> message.startsWith(LEVEL) || message.startsWith(SWITCH));
        }
    }
}
