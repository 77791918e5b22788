package io.hacamel.bridge.commands;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.MqttTestBroker;
import io.hacamel.bridge.testing.PrometheusScrape;
import io.hacamel.bridge.testing.StallingProxy;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command refused on Paho's callback thread (more than commands.mqtt.queue-capacity waiting) is answered without
 * waiting for the broker: while the broker takes nothing from the bridge, the commands after it are still read and
 * refused one by one, rather than each waiting for mqtt.publish-timeout.
 */
class MqttCommandRefusalTest extends BridgeTestSupport {

    private static final String BASE = "refusal/statestream";
    private static final String TOGGLE = "{\"target\":{\"entity_id\":\"input_boolean.camel_test\"}}";

    private MqttTestBroker broker;
    private StallingProxy proxy;
    private MqttClient commander;

    @Override
    protected void bridgeProperties(Properties properties) {
        broker = MqttTestBroker.start();
        proxy = StallingProxy.to(broker.port());
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", "tcp://127.0.0.1:" + proxy.port());
        properties.put("mqtt.base-topic", BASE);
        properties.put("commands.mqtt.queue-capacity", "1");
        // a publish that waited for the broker would hold Paho's thread for the whole test
        properties.put("mqtt.publish-timeout", "60s");
    }

    @AfterEach
    void closeBroker() throws Exception {
        if (commander != null) {
            commander.disconnect();
            commander.close();
        }
        proxy.close();
        broker.close();
    }

    @Test
    void commandsAreStillReadWhileTheBrokerTakesNoAnswers() throws Exception {
        awaitReady();
        commander = new MqttClient(broker.url(), "commander-" + UUID.randomUUID(), new MemoryPersistence());
        commander.connect();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            command(); // lost until the bridge has subscribed
            return received() > 0;
        });
        double before = received();
        simulator.faults().delayResults(Duration.ofSeconds(30)); // the command that runs waits commands.timeout
        proxy.stallUpstream();

        for (int i = 0; i < 6; i++) {
            command();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> received() == before + 6);
        assertThat(metrics().value("habridge_mqtt_commands_ignored_total", "reason", "queue_full"))
                .isGreaterThanOrEqualTo(3);
        proxy.resume();
    }

    private void command() throws Exception {
        commander.publish(BASE + "/command/input_boolean/toggle", TOGGLE.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private double received() {
        return metrics().value("habridge_mqtt_commands_received_total");
    }

    private PrometheusScrape metrics() {
        return PrometheusScrape.of(api.get("/metrics").text());
    }
}
